import express, { type NextFunction, type Request, type Response } from 'express';
import crypto from 'node:crypto';
import { findUserByCredentials } from './users.js';

interface ApiSession {
  userId: string;
  scopes: string[];
  createdAt: number;
}

export class SessionManager {
  static sessions = new Map<string, ApiSession>();
  static readonly COOKIE = 'api_sid';

  static create(userId: string, scopes: string[]): string {
    const sid = crypto.randomBytes(24).toString('base64url');
    SessionManager.sessions.set(sid, { userId, scopes, createdAt: Date.now() });
    return sid;
  }

  static lookup(sid: string | undefined): ApiSession | undefined {
    return sid ? SessionManager.sessions.get(sid) : undefined;
  }
}

export const app = express();
app.use(express.json());

app.post('/sessions', async (req: Request, res: Response) => {
  const user = await findUserByCredentials(req.body.username, req.body.password);
  if (!user) {
    res.status(401).end();
    return;
  }
  const sid = SessionManager.create(user.id, user.scopes);
  res.cookie(SessionManager.COOKIE, sid, { httpOnly: true, sameSite: 'strict' }).status(201).end();
});

export function requireSession(req: Request, res: Response, next: NextFunction) {
  const session = SessionManager.lookup(req.cookies?.[SessionManager.COOKIE]);
  if (!session) {
    res.status(401).end();
    return;
  }
  res.locals.session = session;
  next();
}
