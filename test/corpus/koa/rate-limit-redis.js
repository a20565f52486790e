const Koa = require('koa');
const Router = require('@koa/router');
const Redis = require('ioredis');
const { RateLimiterRedis } = require('rate-limiter-flexible');
const { search } = require('./search');

const app = new Koa();
const redisClient = new Redis({ host: process.env.REDIS_HOST, enableOfflineQueue: false });

const searchLimiter = new RateLimiterRedis({
  storeClient: redisClient,
  keyPrefix: 'rl:search',
  points: 60,
  duration: 60,
});

app.use(async (ctx, next) => {
  try {
    const res = await searchLimiter.consume(ctx.get('x-api-key') || ctx.ip);
    ctx.set('X-RateLimit-Remaining', String(res.remainingPoints));
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    ctx.status = 429;
    ctx.set('Retry-After', String(Math.ceil(rejection.msBeforeNext / 1000)));
    return;
  }
  await next();
});

const router = new Router();
router.get('/search', async (ctx) => {
  ctx.body = await search(String(ctx.query.q || ''), { page: Number(ctx.query.page) || 1 });
});

app.use(router.routes());
module.exports = app;
