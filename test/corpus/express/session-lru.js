const express = require('express');
const LRU = require('lru-cache');
const crypto = require('crypto');
const { verifyPassword } = require('./accounts');

const app = express();
app.use(express.json());

// token -> account, evicted after 8 hours of inactivity
const sessionCache = new LRU({ max: 20000, maxAge: 8 * 60 * 60 * 1000, updateAgeOnGet: true });

app.post('/api/login', async (req, res) => {
  const account = await verifyPassword(req.body.email, req.body.password);
  if (!account) return res.status(401).json({ error: 'invalid credentials' });
  const token = crypto.randomBytes(32).toString('base64url');
  sessionCache.set(token, { id: account.id, email: account.email, roles: account.roles });
  res.json({ token });
});

app.use('/api', (req, res, next) => {
  const token = (req.get('authorization') || '').replace(/^Bearer /, '');
  const account = sessionCache.get(token);
  if (!account) return res.status(401).json({ error: 'session expired' });
  req.account = account;
  next();
});

app.post('/api/logout', (req, res) => {
  sessionCache.del((req.get('authorization') || '').replace(/^Bearer /, ''));
  res.sendStatus(204);
});

module.exports = app;
