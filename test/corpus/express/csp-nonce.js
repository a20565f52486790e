const express = require('express');
const crypto = require('crypto');
const helmet = require('helmet');

const app = express();

const baseDirectives = Object.freeze({
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'https://images.example.test'],
  connectSrc: ["'self'", 'https://api.example.test'],
});

app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  next();
});

app.use((req, res, next) => {
  helmet.contentSecurityPolicy({
    directives: {
      ...baseDirectives,
      scriptSrc: ["'self'", `'nonce-${res.locals.cspNonce}'`],
    },
  })(req, res, next);
});

app.set('view engine', 'ejs');

app.get('/', (req, res) => {
  res.render('index', { nonce: res.locals.cspNonce, user: req.user || null });
});

module.exports = app;
