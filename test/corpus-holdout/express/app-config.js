const express = require('express');
const cookieSession = require('cookie-session');
const mongoose = require('mongoose');

// Reused across hot reloads in development. It stores a connection, not user data.
async function connectDatabase(uri) {
  if (!global.mongooseConnection) {
    global.mongooseConnection = mongoose.connect(uri, { maxPoolSize: 10 });
  }
  return global.mongooseConnection;
}

function configureApp(app, { io, config }) {
  app.set('trust proxy', 1);
  app.set('view engine', 'pug');
  app.set('io', io);
  app.locals.siteName = config.siteName;
  app.locals.supportEmail = config.supportEmail;

  const sessionSettings = {
    name: 'prefs',
    keys: config.cookieKeys,
    maxAge: 30 * 24 * 60 * 60 * 1000,
  };
  sessionSettings.sameSite = 'lax';
  sessionSettings.secure = config.https;
  app.use(cookieSession(sessionSettings));

  app.use((req, res, next) => {
    res.locals.currentUser = req.session.user || null;
    res.locals.theme = req.session.theme || 'light';
    next();
  });

  app.post(
    '/preferences/theme',
    express.urlencoded({ extended: false }),
    (req, res) => {
      req.session.theme = req.body.theme === 'dark' ? 'dark' : 'light';
      res.redirect(303, req.get('referer') || '/');
    },
  );

  app.get('/about', (_req, res) => {
    res.render('about', { title: `About ${app.locals.siteName}` });
  });
  return app;
}

async function start(config, io) {
  await connectDatabase(config.mongoUri);
  const app = configureApp(express(), { io, config });
  return app.listen(config.port);
}

module.exports = { configureApp, connectDatabase, start };
