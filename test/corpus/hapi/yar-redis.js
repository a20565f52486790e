'use strict';

const Hapi = require('@hapi/hapi');
const CatboxRedis = require('@hapi/catbox-redis');

async function createServer() {
  const server = Hapi.server({
    port: 3000,
    cache: [
      {
        name: 'session-cache',
        provider: {
          constructor: CatboxRedis,
          options: { partition: 'sessions', host: process.env.REDIS_HOST, port: 6379 },
        },
      },
    ],
  });

  await server.register({
    plugin: require('@hapi/yar'),
    options: {
      cache: { cache: 'session-cache', expiresIn: 24 * 60 * 60 * 1000 },
      maxCookieSize: 0,
      cookieOptions: { password: process.env.YAR_PASSWORD, isSecure: true },
    },
  });

  server.route({
    method: 'POST',
    path: '/wizard/{step}',
    handler: (request, h) => {
      const wizard = request.yar.get('wizard') || {};
      wizard[request.params.step] = request.payload;
      request.yar.set('wizard', wizard);
      return h.response({ saved: request.params.step }).code(200);
    },
  });

  server.route({
    method: 'GET',
    path: '/wizard',
    handler: (request) => request.yar.get('wizard') || {},
  });

  return server;
}

module.exports = { createServer };
