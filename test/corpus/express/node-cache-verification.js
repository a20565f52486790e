const express = require('express');
const NodeCache = require('node-cache');
const crypto = require('crypto');
const { sendMail } = require('./mailer');
const { User } = require('./models');

const router = express.Router();

// Verification codes expire by themselves after ten minutes.
const verificationCodes = new NodeCache({ stdTTL: 600, checkperiod: 120 });

router.post('/email/verify/start', async (req, res) => {
  const user = await User.findByPk(req.user.id);
  if (user.emailVerifiedAt) return res.status(409).json({ error: 'already verified' });
  const code = crypto.randomInt(100000, 999999).toString();
  verificationCodes.set(`verify:${user.id}`, code);
  await sendMail(user.email, 'Confirm your email', `Your code: ${code}`);
  res.sendStatus(202);
});

router.post('/email/verify/confirm', async (req, res) => {
  const expected = verificationCodes.take(`verify:${req.user.id}`);
  if (!expected || expected !== String(req.body.code)) {
    return res.status(400).json({ error: 'invalid or expired code' });
  }
  await User.update({ emailVerifiedAt: new Date() }, { where: { id: req.user.id } });
  res.json({ verified: true });
});

module.exports = router;
