const express = require('express');
const crypto = require('crypto');
const { User } = require('./models');

const app = express();
app.use(express.json());

// Impersonation tokens for local QA; the routes below exist only outside production.
const devTokens = new Map();

if (process.env.NODE_ENV !== 'production') {
  app.post('/dev/login-as', async (req, res) => {
    const user = await User.findByPk(req.body.userId);
    if (!user) return res.sendStatus(404);
    const token = crypto.randomBytes(16).toString('hex');
    devTokens.set(token, user.id);
    res.json({ token });
  });

  app.use((req, res, next) => {
    const token = req.get('x-dev-token');
    if (token && devTokens.has(token)) {
      req.user = { id: devTokens.get(token), impersonated: true };
    }
    next();
  });
}

app.get('/api/me', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  res.json(await User.findByPk(req.user.id));
});

module.exports = app;
