'use strict';

const Fastify = require('fastify');
const fastifyCookie = require('@fastify/cookie');
const fastifySession = require('@fastify/session');
const { createAccountService } = require('./services/accounts');
const { accountRoutes } = require('./routes/account');

async function buildServer(config) {
  const app = Fastify({
    logger: { level: config.logLevel || 'info' },
    trustProxy: true,
  });

  app.decorate('accounts', createAccountService(config.databaseUrl));
  await app.register(fastifyCookie);

  const sessionOptions = { secret: config.sessionSecret, cookieName: 'fsid' };
  sessionOptions.cookie = {
    secure: config.https,
    sameSite: 'lax',
    maxAge: 60 * 60 * 1000,
  };
  sessionOptions.saveUninitialized = false;
  await app.register(fastifySession, sessionOptions);

  // prettier-ignore
  await app.register(require('@fastify/rate-limit'), { max: 120, timeWindow: '1 minute' }); // structra-disable-line F-03/memory-rate-limit

  app.post('/session', async (request, reply) => {
    const { email, password } = request.body || {};
    const account = await app.accounts.verify(email, password);
    if (!account) {
      return reply.code(401).send({ error: 'invalid email or password' });
    }
    request.session.set('accountId', account.id);
    return { id: account.id };
  });

  app.delete('/session', async (request, reply) => {
    await request.session.destroy();
    return reply.code(204).send();
  });

  await app.register(accountRoutes, { prefix: '/account' });
  return app;
}

module.exports = { buildServer };
