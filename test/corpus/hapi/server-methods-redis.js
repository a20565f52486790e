'use strict';

const Hapi = require('@hapi/hapi');
const CatboxRedis = require('@hapi/catbox-redis');
const { fetchProduct } = require('./catalog');

async function createServer() {
  const server = Hapi.server({
    port: 3000,
    cache: [{ name: 'redis', provider: { constructor: CatboxRedis, options: { url: process.env.REDIS_URL } } }],
  });

  // Public product pages, cached in Redis and shared by all instances.
  server.method('getProduct', fetchProduct, {
    cache: { cache: 'redis', segment: 'products', expiresIn: 10 * 60 * 1000, generateTimeout: 2000 },
  });

  server.route({
    method: 'GET',
    path: '/products/{sku}',
    options: { auth: false },
    handler: async (request, h) => {
      const product = await server.methods.getProduct(request.params.sku);
      if (!product) return h.response({ error: 'not found' }).code(404);
      return h.response(product).header('Cache-Control', 'public, max-age=60');
    },
  });

  return server;
}

module.exports = { createServer };
