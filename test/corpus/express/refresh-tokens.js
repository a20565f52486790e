require('dotenv').config();
const express = require('express');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcrypt');
const db = require('./db');

const app = express();
app.use(express.json());

// TODO move to redis before we scale out
let refreshTokens = [];

function generateAccessToken(user) {
  return jwt.sign({ sub: user.id, name: user.name }, process.env.ACCESS_TOKEN_SECRET, {
    expiresIn: '15m',
  });
}

app.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  if (!user || !(await bcrypt.compare(req.body.password, user.password_hash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const accessToken = generateAccessToken(user);
  const refreshToken = jwt.sign({ sub: user.id }, process.env.REFRESH_TOKEN_SECRET);
  refreshTokens.push(refreshToken);
  res.json({ accessToken, refreshToken });
});

app.post('/token', (req, res) => {
  const refreshToken = req.body.token;
  if (refreshToken == null) return res.sendStatus(401);
  if (!refreshTokens.includes(refreshToken)) return res.sendStatus(403);
  jwt.verify(refreshToken, process.env.REFRESH_TOKEN_SECRET, async (err, payload) => {
    if (err) return res.sendStatus(403);
    const user = await db.users.findById(payload.sub);
    res.json({ accessToken: generateAccessToken(user) });
  });
});

app.delete('/logout', (req, res) => {
  refreshTokens = refreshTokens.filter((token) => token !== req.body.token);
  res.sendStatus(204);
});

app.listen(4000);
