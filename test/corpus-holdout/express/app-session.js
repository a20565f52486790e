'use strict';

const express = require('express');
const session = require('express-session');
const helmet = require('helmet');
const { accountRouter } = require('./routes/account');

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

function buildSessionConfig(env) {
  const config = {
    name: 'shop.sid',
    secret: env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  };

  config.cookie = {
    httpOnly: true,
    sameSite: 'lax',
    maxAge: ONE_DAY_MS,
  };

  if (env.COOKIE_DOMAIN) {
    config.cookie.domain = env.COOKIE_DOMAIN;
  }
  if (env.BEHIND_PROXY === '1') {
    config.proxy = true;
    config.cookie.secure = true;
  }
  return config;
}

function createApp(env = process.env) {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(express.json({ limit: '100kb' }));

  const sessionConfig = buildSessionConfig(env);
  app.use(session(sessionConfig));

  app.post('/cart/currency', (req, res) => {
    const wanted = String(req.body.currency || '').toUpperCase();
    if (!['EUR', 'USD', 'GBP'].includes(wanted)) {
      return res.status(400).json({ error: `unsupported currency ${wanted}` });
    }
    req.session.currency = wanted;
    res.json({ currency: wanted });
  });

  app.use('/account', accountRouter);
  app.get('/healthz', (_req, res) => res.json({ ok: true }));
  return app;
}

module.exports = { createApp, buildSessionConfig };
