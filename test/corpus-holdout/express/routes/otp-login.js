const express = require('express');
const { issueLoginCode, redeemLoginCode, CODE_TTL_MS } = require('../lib/otp-codes');
const { mailer } = require('../mail/mailer');
const { signAccessToken } = require('../auth/tokens');
const { findUserByEmail } = require('../db/users');

const router = express.Router();

router.post('/login/code', async (req, res, next) => {
  const email = String(req.body.email || '').trim();
  if (!email.includes('@')) {
    return res.status(400).json({ error: 'a valid email address is required' });
  }
  try {
    const user = await findUserByEmail(email);
    // The response is the same for unknown addresses, so sign-ups stay private.
    if (user) {
      const code = issueLoginCode(email);
      await mailer.send({
        to: email,
        template: 'login-code',
        data: { code, minutes: CODE_TTL_MS / 60_000 },
      });
    }
    res.status(202).json({ sent: true });
  } catch (err) {
    next(err);
  }
});

router.post('/login/verify', async (req, res, next) => {
  const email = String(req.body.email || '').trim();
  const code = String(req.body.code || '');
  if (!/^\d{6}$/.test(code)) {
    return res.status(400).json({ error: 'code must be 6 digits' });
  }
  try {
    if (!redeemLoginCode(email, code)) {
      return res.status(401).json({ error: 'code is wrong or expired' });
    }
    const user = await findUserByEmail(email);
    res.json({ accessToken: await signAccessToken(user) });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
