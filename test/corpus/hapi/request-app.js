'use strict';

const Hapi = require('@hapi/hapi');
const { verifyApiKey } = require('./api-keys');
const { Shipments } = require('./shipments');

async function createServer() {
  const server = Hapi.server({ port: 3000 });

  // request.app is hapi's per-request namespace; it dies with the request.
  server.ext('onPreAuth', async (request, h) => {
    const key = request.headers['x-api-key'];
    request.app.client = key ? await verifyApiKey(key) : null;
    request.app.startedAt = process.hrtime.bigint();
    return h.continue;
  });

  server.ext('onPreResponse', (request, h) => {
    const elapsed = Number(process.hrtime.bigint() - request.app.startedAt) / 1e6;
    if (request.response && !request.response.isBoom) {
      request.response.header('Server-Timing', `app;dur=${elapsed.toFixed(1)}`);
    }
    return h.continue;
  });

  server.route({
    method: 'GET',
    path: '/shipments',
    handler: async (request, h) => {
      if (!request.app.client) return h.response({ error: 'api key required' }).code(401);
      return Shipments.forClient(request.app.client.id, { status: request.query.status });
    },
  });

  return server;
}

module.exports = { createServer };
