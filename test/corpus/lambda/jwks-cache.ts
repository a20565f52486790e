import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';

// Reused across invocations: the key set and settings are the same for everyone.
const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URL!), { cacheMaxAge: 10 * 60 * 1000 });
const ssm = new SSMClient({});
let allowedAudiences: string[] | undefined;

async function audiences(): Promise<string[]> {
  if (!allowedAudiences) {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/auth/audiences' }));
    allowedAudiences = (Parameter?.Value ?? '').split(',');
  }
  return allowedAudiences;
}

export const handler = async (
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<{ sub: string; scope: string }>> => {
  const token = event.headers?.authorization?.replace(/^Bearer /, '');
  if (!token) {
    return { isAuthorized: false, context: { sub: '', scope: '' } };
  }
  try {
    const { payload } = await jwtVerify(token, jwks, { audience: await audiences() });
    return { isAuthorized: true, context: { sub: String(payload.sub), scope: String(payload.scope ?? '') } };
  } catch {
    return { isAuthorized: false, context: { sub: '', scope: '' } };
  }
};
