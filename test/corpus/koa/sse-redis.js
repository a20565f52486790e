const Koa = require('koa');
const Router = require('@koa/router');
const { PassThrough } = require('stream');
const Redis = require('ioredis');

const app = new Koa();
const router = new Router();

// Streams open on this instance. Every instance subscribes to the same Redis
// channel, so an event published anywhere reaches every stream.
const streams = new Set();
const subscriber = new Redis(process.env.REDIS_URL);
const publisher = new Redis(process.env.REDIS_URL);

subscriber.subscribe('deployments');
subscriber.on('message', (_channel, message) => {
  for (const stream of streams) stream.write(`data: ${message}\n\n`);
});

router.get('/deployments/stream', async (ctx) => {
  ctx.request.socket.setTimeout(0);
  ctx.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  const stream = new PassThrough();
  streams.add(stream);
  ctx.req.on('close', () => streams.delete(stream));
  ctx.status = 200;
  ctx.body = stream;
});

router.post('/deployments', async (ctx) => {
  const event = { service: ctx.request.body.service, version: ctx.request.body.version, at: Date.now() };
  await publisher.publish('deployments', JSON.stringify(event));
  ctx.status = 202;
});

app.use(router.routes());
module.exports = app;
