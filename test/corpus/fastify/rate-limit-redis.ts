import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { quoteShipment } from './quotes.js';

const redis = new Redis({
  host: process.env.REDIS_HOST,
  connectTimeout: 500,
  maxRetriesPerRequest: 1,
});

const app = Fastify({ logger: true });

await app.register(rateLimit, {
  max: 100,
  timeWindow: 60_000,
  redis,
  nameSpace: 'shipping-rl-',
  skipOnError: true,
});

app.post<{ Body: { from: string; to: string; weightKg: number } }>(
  '/quotes',
  async (request) => {
    const { from, to, weightKg } = request.body;
    return quoteShipment(from, to, weightKg);
  },
);

app.get('/healthz', { config: { rateLimit: false } }, async () => ({ ok: true }));

export default app;
