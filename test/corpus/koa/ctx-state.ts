import Koa, { type Context, type Next } from 'koa';
import Router from '@koa/router';
import { AsyncLocalStorage } from 'node:async_hooks';
import { jwtVerify, createRemoteJWKSet } from 'jose';
import { listOrders } from './orders.js';

interface RequestContext {
  userId: string;
  requestId: string;
}

const requestContext = new AsyncLocalStorage<RequestContext>();
const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URL ?? 'https://id.example.test/jwks'));

let bootedAt = 0;

export function currentUserId(): string | undefined {
  return requestContext.getStore()?.userId;
}

async function authenticate(ctx: Context, next: Next) {
  const token = ctx.get('authorization').replace(/^Bearer /, '');
  const { payload } = await jwtVerify(token, jwks, { audience: 'orders-api' });
  ctx.state.user = { id: payload.sub };
  await requestContext.run({ userId: payload.sub!, requestId: ctx.get('x-request-id') }, next);
}

const router = new Router();
router.get('/orders', async (ctx) => {
  ctx.body = await listOrders(ctx.state.user.id);
});
router.get('/uptime', (ctx) => {
  ctx.body = { seconds: (Date.now() - bootedAt) / 1000 };
});

export function start(port: number) {
  const app = new Koa();
  app.use(authenticate);
  app.use(router.routes());
  bootedAt = Date.now();
  return app.listen(port);
}
