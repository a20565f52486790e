const express = require('express');
const jwt = require('jsonwebtoken');
const { AuditLog, Document } = require('./models');

const app = express();
app.use(express.json());

let currentUser = null;

app.use((req, res, next) => {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: 'missing token' });
  try {
    currentUser = jwt.verify(token, process.env.JWT_SECRET);
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
});

async function audit(action, documentId) {
  await AuditLog.create({ userId: currentUser.sub, action, documentId, at: new Date() });
}

app.put('/documents/:id', async (req, res) => {
  const doc = await Document.findByPk(req.params.id);
  if (!doc) return res.sendStatus(404);
  if (doc.ownerId !== currentUser.sub) return res.sendStatus(403);
  await doc.update({ title: req.body.title, body: req.body.body });
  await audit('document.update', doc.id);
  res.json(doc);
});

app.delete('/documents/:id', async (req, res) => {
  const doc = await Document.findByPk(req.params.id);
  if (!doc || doc.ownerId !== currentUser.sub) return res.sendStatus(404);
  await doc.destroy();
  await audit('document.delete', doc.id);
  res.sendStatus(204);
});

module.exports = app;
