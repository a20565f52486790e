import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
} from "aws-lambda";
import NodeCache from "node-cache";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { sendSms } from "./sms.js";
import { markDeviceTrusted } from "./devices.js";

// Challenges expire after five minutes; the SMS text promises that.
const challenges = new NodeCache({ stdTTL: 300, checkperiod: 60 });

let callerSub = "";

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

function hash(code: string): Buffer {
  return createHash("sha256").update(code).digest();
}

async function startChallenge(phone: string): Promise<APIGatewayProxyResultV2> {
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  challenges.set(callerSub, hash(code));
  await sendSms(phone, `Your sign-in code is ${code}. It expires in 5 minutes.`);
  return json(202, { sent: true });
}

async function verifyChallenge(code: unknown): Promise<APIGatewayProxyResultV2> {
  if (typeof code !== "string" || !/^\d{6}$/.test(code)) {
    return json(400, { error: "code must be 6 digits" });
  }
  const expected = challenges.get<Buffer>(callerSub);
  if (!expected) {
    return json(401, { error: "no pending challenge, request a new code" });
  }
  if (!timingSafeEqual(expected, hash(code))) {
    return json(401, { error: "wrong code" });
  }
  challenges.del(callerSub);
  await markDeviceTrusted(callerSub);
  return json(200, { verified: true });
}

export const handler = async (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyResultV2> => {
  const claims = event.requestContext.authorizer.jwt.claims;
  callerSub = String(claims.sub);

  switch (event.routeKey) {
    case "POST /mfa/challenge":
      return startChallenge(String(claims.phone_number));
    case "POST /mfa/verify":
      return verifyChallenge(JSON.parse(event.body ?? "{}").code);
    default:
      return json(404, { error: `no route for ${event.routeKey}` });
  }
};
