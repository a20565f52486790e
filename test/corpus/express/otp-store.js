const express = require('express');
const crypto = require('crypto');
const { sendSms } = require('../lib/sms');
const { User } = require('../models');

const router = express.Router();

// phone -> { code, expiresAt, tries }
const otpStore = new Map();
const OTP_TTL_MS = 5 * 60 * 1000;

function generateCode() {
  return String(crypto.randomInt(0, 1000000)).padStart(6, '0');
}

router.post('/otp/request', async (req, res) => {
  const { phone } = req.body;
  if (!/^\+[1-9]\d{7,14}$/.test(phone || '')) {
    return res.status(400).json({ error: 'invalid phone number' });
  }
  const code = generateCode();
  otpStore.set(phone, { code, expiresAt: Date.now() + OTP_TTL_MS, tries: 0 });
  await sendSms(phone, `Your login code is ${code}`);
  res.status(202).json({ sent: true });
});

router.post('/otp/verify', async (req, res) => {
  const { phone, code } = req.body;
  const entry = otpStore.get(phone);
  if (!entry || entry.expiresAt < Date.now()) {
    otpStore.delete(phone);
    return res.status(401).json({ error: 'code expired' });
  }
  entry.tries += 1;
  if (entry.tries > 5 || entry.code !== code) {
    return res.status(401).json({ error: 'wrong code' });
  }
  otpStore.delete(phone);
  const user = await User.findOrCreateByPhone(phone);
  req.session.userId = user.id;
  res.json({ id: user.id });
});

// Drop expired codes every minute so the map does not grow forever.
setInterval(() => {
  const now = Date.now();
  for (const [phone, entry] of otpStore) {
    if (entry.expiresAt < now) otpStore.delete(phone);
  }
}, 60 * 1000).unref();

module.exports = router;
