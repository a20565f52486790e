const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis')(session);
const Redis = require('ioredis');
const passport = require('passport');
require('./auth/strategies');

const redisClient = new Redis({
  host: process.env.REDIS_HOST,
  port: Number(process.env.REDIS_PORT || 6379),
});

const app = express();

app.use(
  session({
    store: new RedisStore({ client: redisClient, ttl: 86400 }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  })
);
app.use(passport.initialize());
app.use(passport.session());

app.get('/auth/github', passport.authenticate('github', { scope: ['read:user'] }));
app.get(
  '/auth/github/callback',
  passport.authenticate('github', { failureRedirect: '/login' }),
  (req, res) => res.redirect('/')
);

app.get('/api/profile', (req, res) => {
  if (!req.user) return res.sendStatus(401);
  res.json({ login: req.user.login, avatar: req.user.avatarUrl });
});

module.exports = app;
