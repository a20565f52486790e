const express = require('express');
const session = require('express-session');
const { RedisStore } = require('connect-redis');
const { createClient } = require('redis');
const dashboard = require('./routes/dashboard');

const app = express();
const isProduction = process.env.NODE_ENV === 'production';

if (process.env.NODE_ENV !== 'production') {
  // Local runs skip Redis so the app starts with no other service.
  app.use(session({ secret: 'dev-only-secret', resave: false, saveUninitialized: false }));
} else {
  const redisClient = createClient({ url: process.env.REDIS_URL });
  redisClient.connect().catch((err) => {
    console.error('cannot connect to redis', err);
    process.exit(1);
  });
  app.use(
    session({
      store: new RedisStore({ client: redisClient }),
      secret: process.env.SESSION_SECRET,
      resave: false,
      saveUninitialized: false,
      cookie: { secure: isProduction },
    })
  );
}

app.use('/dashboard', dashboard);

app.get('/status', (req, res) => {
  res.json({ env: app.get('env'), signedIn: Boolean(req.session.userId) });
});

module.exports = app;
