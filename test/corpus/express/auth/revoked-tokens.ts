import type { Request } from 'express';
import type { JwtPayload } from 'jsonwebtoken';

/**
 * JWT ids revoked by logout or by an administrator. Checked by express-jwt's
 * isRevoked callback on every authenticated request.
 */
export const revokedTokens = new Set<string>();

export function revokeToken(jti: string): void {
  revokedTokens.add(jti);
}

export async function isRevoked(
  _req: Request,
  token: { payload: JwtPayload | string } | undefined,
): Promise<boolean> {
  if (!token || typeof token.payload === 'string') {
    return true;
  }
  const jti = token.payload.jti;
  return jti === undefined || revokedTokens.has(jti);
}

export function revokedCount(): number {
  return revokedTokens.size;
}
