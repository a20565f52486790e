import express from 'express';
import { createCache } from 'cache-manager';
import { Keyv } from 'keyv';
import KeyvRedis from '@keyv/redis';
import { prisma } from './db.js';
import { requireAuth } from './middleware/auth.js';

const cache = createCache({
  stores: [new Keyv({ store: new KeyvRedis(process.env.REDIS_URL) })],
  ttl: 5 * 60 * 1000,
});

export const dashboardRouter = express.Router();

dashboardRouter.get('/dashboard/summary', requireAuth, async (req, res) => {
  const userId = req.user!.id;
  const summary = await cache.wrap(`dashboard:${userId}`, async () => {
    const [orders, tickets] = await Promise.all([
      prisma.order.count({ where: { customerId: userId, status: 'open' } }),
      prisma.ticket.count({ where: { requesterId: userId, closedAt: null } }),
    ]);
    return { openOrders: orders, openTickets: tickets };
  });
  res.json(summary);
});

dashboardRouter.post('/dashboard/refresh', requireAuth, async (req, res) => {
  await cache.del(`dashboard:${req.user!.id}`);
  res.sendStatus(204);
});
