const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const session = require('koa-generic-session');
const redisStore = require('koa-redis');
const { checkCredentials } = require('./accounts');

const app = new Koa();
app.keys = [process.env.COOKIE_KEY_A, process.env.COOKIE_KEY_B];

app.use(bodyParser());
app.use(
  session({
    store: redisStore({ url: process.env.REDIS_URL }),
    ttl: 2 * 60 * 60 * 1000,
    cookie: { httpOnly: true, signed: true },
  })
);

const router = new Router();

router.post('/login', async (ctx) => {
  const account = await checkCredentials(ctx.request.body.username, ctx.request.body.password);
  ctx.assert(account, 401, 'invalid credentials');
  ctx.session.accountId = account.id;
  ctx.body = { ok: true };
});

router.post('/logout', async (ctx) => {
  ctx.session = null;
  ctx.status = 204;
});

router.get('/me', async (ctx) => {
  ctx.assert(ctx.session.accountId, 401);
  ctx.body = { accountId: ctx.session.accountId };
});

app.use(router.routes()).use(router.allowedMethods());
module.exports = app;
