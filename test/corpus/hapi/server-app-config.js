'use strict';

const Hapi = require('@hapi/hapi');
const { loadSettings } = require('./settings');
const { listArticles } = require('./articles');

async function start() {
  const settings = await loadSettings(process.env.SETTINGS_PATH);
  const server = Hapi.server({
    port: settings.port,
    app: { brand: settings.brand },
  });

  server.app.pageSize = settings.pageSize;
  server.app.supportedLocales = new Set(settings.locales);

  server.route({
    method: 'GET',
    path: '/articles',
    handler: async (request) => {
      const locale = server.app.supportedLocales.has(request.query.locale)
        ? request.query.locale
        : 'en';
      const articles = await listArticles({ locale, limit: request.server.app.pageSize });
      return { brand: server.settings.app.brand, locale, articles };
    },
  });

  server.route({
    method: 'GET',
    path: '/locales',
    handler: () => [...server.app.supportedLocales],
  });

  await server.start();
  return server;
}

module.exports = { start };
