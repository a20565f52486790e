'use strict';

const Hapi = require('@hapi/hapi');
const Yar = require('@hapi/yar');
const { findCustomer } = require('./customers');

const init = async () => {
  const server = Hapi.server({ port: 3000, host: '0.0.0.0' });

  await server.register({
    plugin: Yar,
    options: {
      name: 'checkout',
      maxCookieSize: 0,
      storeBlank: false,
      cookieOptions: {
        password: process.env.YAR_PASSWORD,
        isSecure: process.env.NODE_ENV === 'production',
        isSameSite: 'Lax',
      },
    },
  });

  server.route({
    method: 'POST',
    path: '/checkout/address',
    handler: async (request, h) => {
      const customer = await findCustomer(request.auth.credentials.id);
      request.yar.set('shipping', { ...request.payload, customerId: customer.id });
      return h.response().code(204);
    },
  });

  server.route({
    method: 'GET',
    path: '/checkout/summary',
    handler: (request) => ({ shipping: request.yar.get('shipping') || null }),
  });

  await server.start();
  console.log('server running on %s', server.info.uri);
};

process.on('unhandledRejection', (err) => {
  console.error(err);
  process.exit(1);
});

init();
