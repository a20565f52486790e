import { Router, type Request } from 'express';
import { expressjwt, type Request as JwtRequest } from 'express-jwt';
import { revokedTokens, isRevoked, revokedCount } from './revoked-tokens.js';
import { requireRole } from './require-role.js';

export const authRouter = Router();

const requireJwt = expressjwt({
  secret: process.env.JWT_SECRET ?? '',
  algorithms: ['HS256'],
  isRevoked,
});

authRouter.post('/logout', requireJwt, (req: JwtRequest, res) => {
  const jti = req.auth?.jti;
  if (!jti) {
    res.status(400).json({ error: 'token has no jti claim' });
    return;
  }
  revokedTokens.add(jti);
  res.status(204).end();
});

authRouter.post(
  '/admin/revoke',
  requireJwt,
  requireRole('admin'),
  (req: Request<unknown, unknown, { jti?: string }>, res) => {
    if (!req.body.jti) {
      res.status(400).json({ error: 'missing jti' });
      return;
    }
    revokedTokens.add(req.body.jti);
    res.json({ revoked: revokedCount() });
  },
);
