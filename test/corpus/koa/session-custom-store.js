const Koa = require('koa');
const Router = require('@koa/router');
const session = require('koa-session');
const { loadBasket } = require('./basket');

const app = new Koa();
app.keys = ['basket-secret-1'];

// Keeps the cookie small: only the session key travels to the browser.
const sessionData = {};

const memoryStore = {
  async get(key) {
    return sessionData[key];
  },
  async set(key, sess, maxAge) {
    sessionData[key] = { ...sess, _expire: Date.now() + maxAge };
  },
  async destroy(key) {
    delete sessionData[key];
  },
};

app.use(session({ key: 'basket.sid', maxAge: 86400000, store: memoryStore }, app));

const router = new Router();

router.post('/basket/:sku', async (ctx) => {
  const basket = ctx.session.basket || [];
  basket.push({ sku: ctx.params.sku, addedAt: Date.now() });
  ctx.session.basket = basket;
  ctx.body = await loadBasket(basket);
});

router.get('/basket', async (ctx) => {
  ctx.body = await loadBasket(ctx.session.basket || []);
});

app.use(router.routes());
app.listen(3000);
