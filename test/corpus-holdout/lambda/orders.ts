import { createHmac, randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { APIGatewayProxyHandlerV2WithJWTAuthorizer } from "aws-lambda";

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const secrets = new SecretsManagerClient({});

const SHIPPING_CENTS = Object.freeze({ EU: 499, UK: 699, US: 999 } as const);
type Zone = keyof typeof SHIPPING_CENTS;

// Same value for every caller; fetched once per execution environment.
let signingKey: string | undefined;

async function getSigningKey(): Promise<string> {
  if (signingKey === undefined) {
    const secret = await secrets.send(
      new GetSecretValueCommand({ SecretId: process.env.ORDER_SIGNING_SECRET_ID }),
    );
    if (!secret.SecretString) throw new Error("order signing secret is empty");
    signingKey = secret.SecretString;
  }
  return signingKey;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const handler: APIGatewayProxyHandlerV2WithJWTAuthorizer = async (event) => {
  const customerId = String(event.requestContext.authorizer.jwt.claims.sub);
  const body = JSON.parse(event.body ?? "{}") as { zone?: string; items?: unknown[] };
  if (!body.zone || !(body.zone in SHIPPING_CENTS)) {
    return { statusCode: 400, body: JSON.stringify({ error: "unknown shipping zone" }) };
  }

  const order = {
    pk: `CUSTOMER#${customerId}`,
    sk: `ORDER#${randomUUID()}`,
    items: body.items ?? [],
    shippingCents: SHIPPING_CENTS[body.zone as Zone],
    createdAt: new Date().toISOString(),
  };
  // DynamoDB throttles bursts; back off within this invocation, then give up.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ddb.send(new PutCommand({ TableName: process.env.ORDERS_TABLE, Item: order }));
      break;
    } catch (err) {
      const throttled = (err as Error).name === "ProvisionedThroughputExceededException";
      if (!throttled || attempt === 2) throw err;
      await sleep(100 * 2 ** attempt);
    }
  }

  const signature = createHmac("sha256", await getSigningKey())
    .update(order.sk)
    .digest("hex");
  return { statusCode: 201, body: JSON.stringify({ orderId: order.sk.slice(6), signature }) };
};
