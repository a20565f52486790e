'use strict';

const Fastify = require('fastify');
const fastifyCookie = require('@fastify/cookie');
const fastifySession = require('@fastify/session');
const { verifyPassword, findUserByEmail } = require('./users');

const fastify = Fastify({ logger: true, trustProxy: true });

fastify.register(fastifyCookie);
fastify.register(fastifySession, {
  secret: process.env.SESSION_SECRET,
  cookieName: 'sid',
  cookie: { secure: 'auto', httpOnly: true, maxAge: 86400000 },
  saveUninitialized: false,
});

fastify.post('/login', async (request, reply) => {
  const { email, password } = request.body;
  const user = await findUserByEmail(email);
  if (!user || !(await verifyPassword(user, password))) {
    return reply.code(401).send({ error: 'invalid credentials' });
  }
  await request.session.regenerate();
  request.session.set('userId', user.id);
  return { id: user.id };
});

fastify.get('/me', async (request, reply) => {
  const userId = request.session.get('userId');
  if (!userId) return reply.code(401).send({ error: 'not signed in' });
  return { userId };
});

fastify.post('/logout', async (request) => {
  await request.session.destroy();
  return { ok: true };
});

fastify.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });
