import express, { type NextFunction, type Request, type Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { verifyAccessToken } from './auth.js';
import { db } from './db.js';

interface RequestStore {
  requestId: string;
  userId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestStore>();

export function currentUserId(): string {
  const userId = requestContext.getStore()?.userId;
  if (!userId) throw new Error('no authenticated user in this request');
  return userId;
}

async function withContext(req: Request, _res: Response, next: NextFunction) {
  const claims = await verifyAccessToken(req.get('authorization')).catch(() => null);
  requestContext.run({ requestId: req.get('x-request-id') ?? randomUUID(), userId: claims?.sub }, next);
}

export const app = express();
app.use(withContext);

app.get('/bookmarks', async (_req, res) => {
  res.json(await db.bookmark.findMany({ where: { userId: currentUserId() } }));
});

app.post('/bookmarks', express.json(), async (req, res) => {
  const bookmark = await db.bookmark.create({ data: { userId: currentUserId(), url: String(req.body.url) } });
  res.status(201).json(bookmark);
});
