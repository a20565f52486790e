const express = require('express');

const app = express();
const sessions = new Map();

app.post('/login', (req, res) => {
  const sid = req.body.sid;
  sessions.set(sid, { userId: req.body.userId };
  res.sendStatus(204);
});

app.get('/me', (req, res) => {
  res.json(sessions.get(req.query.sid) || null);
}
