const Koa = require('koa');
const Router = require('@koa/router');
const { RateLimiterCluster } = require('rate-limiter-flexible');
const { lookupAddress } = require('./geocoder');

const app = new Koa();

const geocodeLimiter = new RateLimiterCluster({
  keyPrefix: 'geocode',
  points: 20,
  duration: 60,
  timeoutMs: 3000,
});

app.use(async (ctx, next) => {
  const key = ctx.get('x-api-key') || ctx.ip;
  try {
    await geocodeLimiter.consume(key);
  } catch {
    ctx.status = 429;
    ctx.body = { error: 'rate limit exceeded' };
    return;
  }
  await next();
});

const router = new Router();
router.get('/geocode', async (ctx) => {
  ctx.assert(ctx.query.q, 400, 'q is required');
  ctx.body = await lookupAddress(String(ctx.query.q));
});

app.use(router.routes());
module.exports = app;
