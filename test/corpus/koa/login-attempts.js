const Router = require('@koa/router');
const { verifyPassword } = require('./accounts');

const router = new Router();

const WINDOW_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 5;
const loginAttempts = {};

function tooManyAttempts(key) {
  const entry = loginAttempts[key];
  if (!entry) return false;
  if (Date.now() - entry.firstAt > WINDOW_MS) {
    delete loginAttempts[key];
    return false;
  }
  return entry.count >= MAX_ATTEMPTS;
}

router.post('/login', async (ctx) => {
  const { username, password } = ctx.request.body;
  const key = `${ctx.ip}:${username}`;
  if (tooManyAttempts(key)) {
    ctx.status = 429;
    ctx.body = { error: 'too many attempts, try again later' };
    return;
  }
  const account = await verifyPassword(username, password);
  if (!account) {
    const entry = loginAttempts[key] || { count: 0, firstAt: Date.now() };
    entry.count += 1;
    loginAttempts[key] = entry;
    ctx.status = 401;
    return;
  }
  delete loginAttempts[key];
  ctx.session.accountId = account.id;
  ctx.body = { ok: true };
});

module.exports = router;
