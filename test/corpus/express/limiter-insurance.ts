import express from 'express';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { searchListings } from './listings.js';

const redisClient = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  enableOfflineQueue: false,
});

// Used only while Redis is unreachable; limits then apply per instance.
const fallbackLimiter = new RateLimiterMemory({ points: 10, duration: 1 });

const searchLimiter = new RateLimiterRedis({
  storeClient: redisClient,
  keyPrefix: 'rl:search',
  points: 30,
  duration: 1,
  inMemoryBlockOnConsumed: 60,
  insuranceLimiter: fallbackLimiter,
});

export const searchRouter = express.Router();

searchRouter.get('/search', async (req, res) => {
  try {
    await searchLimiter.consume(req.ip ?? 'unknown');
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      res.status(429).set('Retry-After', String(Math.ceil(err.msBeforeNext / 1000))).end();
      return;
    }
    throw err;
  }
  res.json(await searchListings(String(req.query.q ?? ''), Number(req.query.page ?? 1)));
});
