const express = require('express');
const jwt = require('jsonwebtoken');
const { AuditLog, Document } = require('./models');

const app = express();
app.use(express.json());

let server;
let requestsServed = 0;

app.use((req, res, next) => {
  requestsServed += 1;
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: 'missing token' });
  try {
    res.locals.currentUser = jwt.verify(token, process.env.JWT_SECRET);
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
});

async function audit(user, action, documentId) {
  await AuditLog.create({ userId: user.sub, action, documentId, at: new Date() });
}

app.put('/documents/:id', async (req, res) => {
  const user = res.locals.currentUser;
  const doc = await Document.findByPk(req.params.id);
  if (!doc) return res.sendStatus(404);
  if (doc.ownerId !== user.sub) return res.sendStatus(403);
  await doc.update({ title: req.body.title, body: req.body.body });
  await audit(user, 'document.update', doc.id);
  res.json(doc);
});

app.get('/internal/stats', (req, res) => {
  res.json({ requestsServed, uptime: process.uptime() });
});

function start(port) {
  server = app.listen(port);
  return server;
}

function stop() {
  return new Promise((resolve) => server.close(resolve));
}

module.exports = { app, start, stop };
