const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const session = require('koa-generic-session');
const { checkCredentials } = require('./accounts');

const app = new Koa();
app.keys = [process.env.COOKIE_KEY_A, process.env.COOKIE_KEY_B];

app.use(bodyParser());
app.use(
  session({
    key: 'kid.sid',
    prefix: 'kid:sess:',
    ttl: 2 * 60 * 60 * 1000,
    cookie: { httpOnly: true, signed: true },
  })
);

const router = new Router();

router.post('/login', async (ctx) => {
  const account = await checkCredentials(ctx.request.body.username, ctx.request.body.password);
  if (!account) {
    ctx.status = 401;
    return;
  }
  ctx.session.accountId = account.id;
  ctx.session.role = account.role;
  ctx.body = { ok: true };
});

router.get('/me', async (ctx) => {
  ctx.assert(ctx.session.accountId, 401, 'not signed in');
  ctx.body = { accountId: ctx.session.accountId, role: ctx.session.role };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
