import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

// Clients are created once per execution environment and reused, as AWS recommends.
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.CART_TABLE!;
const CART_TTL_SECONDS = 30 * 24 * 3600;

const respond = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const handler = async (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyResultV2> => {
  const userId = event.requestContext.authorizer.jwt.claims.sub as string;

  if (event.requestContext.http.method === 'GET') {
    const { Items = [] } = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CART#${userId}` },
      }),
    );
    return respond(200, { items: Items });
  }

  const { productId, quantity } = JSON.parse(event.body ?? '{}') as { productId: string; quantity: number };
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        pk: `CART#${userId}`,
        sk: `ITEM#${productId}`,
        quantity,
        expiresAt: Math.floor(Date.now() / 1000) + CART_TTL_SECONDS,
      },
    }),
  );
  return respond(201, { productId, quantity });
};
