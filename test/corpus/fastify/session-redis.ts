import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { RedisStore } from 'connect-redis';
import { Redis } from 'ioredis';
import { registerRoutes } from './routes/index.js';

const isProduction = process.env.NODE_ENV === 'production';
const app = Fastify({ logger: true });

const store = isProduction
  ? new RedisStore({ client: new Redis(process.env.REDIS_URL!), prefix: 'sess:' })
  : undefined;

await app.register(fastifyCookie);
await app.register(fastifySession, {
  secret: process.env.SESSION_SECRET!,
  cookie: { secure: isProduction, maxAge: 12 * 60 * 60 * 1000 },
  store,
});

app.get('/session/ping', async (request) => {
  request.session.set('lastSeen', Date.now());
  return { ok: true };
});

await registerRoutes(app);
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
