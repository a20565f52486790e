import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import memoryCache from 'memory-cache';
import { randomInt } from 'node:crypto';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';

const sns = new SNSClient({});
const otpCache = new memoryCache.Cache<string, string>();
const CODE_TTL_MS = 5 * 60 * 1000;

const reply = (statusCode: number, body: object): APIGatewayProxyResult => ({
  statusCode,
  body: JSON.stringify(body),
});

async function sendCode(phone: string): Promise<APIGatewayProxyResult> {
  const code = String(randomInt(100000, 1000000));
  otpCache.put(`otp:${phone}`, code, CODE_TTL_MS);
  await sns.send(new PublishCommand({ PhoneNumber: phone, Message: `Your code is ${code}` }));
  return reply(202, { sent: true });
}

function verifyCode(phone: string, code: string | undefined): APIGatewayProxyResult {
  const expected = otpCache.get(`otp:${phone}`);
  if (!expected || expected !== code) return reply(401, { message: 'invalid code' });
  otpCache.del(`otp:${phone}`);
  return reply(200, { verified: true });
}

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { phone, code } = JSON.parse(event.body ?? '{}') as { phone?: string; code?: string };
  if (!phone) return reply(400, { message: 'phone is required' });
  if (event.resource === '/otp/send') {
    return sendCode(phone);
  }
  return verifyCode(phone, code);
};
