const express = require('express');
const bcrypt = require('bcrypt');
const { User } = require('./models');
const mailer = require('./mailer');

const app = express();
app.use(express.json());

const emailQueue = [];
let draining = false;

app.post('/signup', async (req, res) => {
  const { email, password, name } = req.body;
  if (await User.findOne({ where: { email } })) {
    return res.status(409).json({ error: 'email already registered' });
  }
  const user = await User.create({ email, name, passwordHash: await bcrypt.hash(password, 12) });
  emailQueue.push({ template: 'welcome', to: email, data: { name, userId: user.id } });
  res.status(201).json({ id: user.id });
});

app.post('/invites', async (req, res) => {
  for (const email of req.body.emails.slice(0, 20)) {
    emailQueue.push({ template: 'invite', to: email, data: { from: req.user.name } });
  }
  res.status(202).json({ queued: req.body.emails.length });
});

setInterval(async () => {
  if (draining) return;
  draining = true;
  try {
    while (emailQueue.length > 0) {
      const job = emailQueue.shift();
      await mailer.send(job.template, job.to, job.data);
    }
  } finally {
    draining = false;
  }
}, 2000);

module.exports = app;
