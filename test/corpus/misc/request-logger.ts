import express from 'express';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { randomUUID } from 'node:crypto';
import { listTransfers } from './transfers.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] });
let startedAt: Date | undefined;

export const app = express();

app.use(
  pinoHttp({
    logger,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
  }),
);

app.use((req, res, next) => {
  const userId = req.get('x-user-id');
  if (userId) {
    req.log = req.log.child({ userId });
    res.locals.userId = userId;
  }
  next();
});

app.get('/transfers', async (req, res) => {
  req.log.info('listing transfers');
  res.json(await listTransfers(res.locals.userId));
});

app.get('/healthz', (_req, res) => {
  res.json({ startedAt });
});

export function start(port: number) {
  startedAt = new Date();
  return app.listen(port, () => logger.info({ port }, 'listening'));
}
