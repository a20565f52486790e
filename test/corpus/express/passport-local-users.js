const express = require('express');
const session = require('express-session');
const { RedisStore } = require('connect-redis');
const { createClient } = require('redis');
const passport = require('passport');
const { Strategy: LocalStrategy } = require('passport-local');
const bcrypt = require('bcrypt');
const crypto = require('crypto');

const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.connect().catch(console.error);

// Accounts for the beta; no database yet.
const users = [];

passport.use(
  new LocalStrategy(async (username, password, done) => {
    const user = users.find((u) => u.username === username);
    if (!user) return done(null, false);
    const ok = await bcrypt.compare(password, user.passwordHash);
    return ok ? done(null, user) : done(null, false);
  })
);
passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id, done) => done(null, users.find((u) => u.id === id) || false));

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(
  session({
    store: new RedisStore({ client: redisClient }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  })
);
app.use(passport.session());

app.post('/register', async (req, res) => {
  if (users.some((u) => u.username === req.body.username)) {
    return res.status(409).send('username taken');
  }
  users.push({
    id: crypto.randomUUID(),
    username: req.body.username,
    passwordHash: await bcrypt.hash(req.body.password, 10),
  });
  res.redirect('/login');
});

app.post('/login', passport.authenticate('local', { successRedirect: '/', failureRedirect: '/login' }));

module.exports = app;
