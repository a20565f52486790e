'use strict';

const Hapi = require('@hapi/hapi');
const Cookie = require('@hapi/cookie');
const Bcrypt = require('bcrypt');
const { Accounts, Sessions } = require('./db');

async function start() {
  const server = Hapi.server({ port: 3000 });
  await server.register(Cookie);

  // The cookie holds only a session id; the session row lives in Postgres.
  server.auth.strategy('session', 'cookie', {
    cookie: { name: 'sid', password: process.env.COOKIE_PASSWORD, isSecure: true, ttl: 86400000 },
    redirectTo: '/login',
    validate: async (request, session) => {
      const row = await Sessions.findActive(session.id);
      return row ? { isValid: true, credentials: { id: row.accountId } } : { isValid: false };
    },
  });
  server.auth.default('session');

  server.route({
    method: 'POST',
    path: '/login',
    options: { auth: { mode: 'try' } },
    handler: async (request, h) => {
      const account = await Accounts.byEmail(request.payload.email);
      if (!account || !(await Bcrypt.compare(request.payload.password, account.hash))) {
        return h.response({ error: 'invalid credentials' }).code(401);
      }
      const session = await Sessions.create(account.id);
      request.cookieAuth.set({ id: session.id });
      return { ok: true };
    },
  });

  await server.start();
  return server;
}

module.exports = { start };
