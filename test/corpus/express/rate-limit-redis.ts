import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { createClient } from 'redis';
import { searchRouter } from './routes/search.js';

const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();

const app = express();
app.set('trust proxy', 1);

const apiLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 120,
  standardHeaders: 'draft-8',
  legacyHeaders: false,
  keyGenerator: (req) => req.get('x-api-key') ?? req.ip ?? 'anonymous',
  store: new RedisStore({
    prefix: 'rl:api:',
    sendCommand: (...args: string[]) => redis.sendCommand(args) as Promise<RedisReply>,
  }),
});

app.use('/api', apiLimiter);
app.use('/api/search', searchRouter);

app.get('/api/ping', (_req, res) => {
  res.json({ pong: Date.now() });
});

export default app;
