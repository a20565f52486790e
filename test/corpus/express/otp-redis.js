const express = require('express');
const crypto = require('crypto');
const Redis = require('ioredis');
const { sendSms } = require('../lib/sms');
const { User } = require('../models');

const router = express.Router();
const redis = new Redis(process.env.REDIS_URL);

const OTP_TTL_SECONDS = 300;
const MAX_TRIES = 5;

function hashCode(code) {
  return crypto.createHash('sha256').update(code).digest('hex');
}

router.post('/otp/request', async (req, res) => {
  const { phone } = req.body;
  if (!/^\+[1-9]\d{7,14}$/.test(phone || '')) {
    return res.status(400).json({ error: 'invalid phone number' });
  }
  const code = String(crypto.randomInt(0, 1000000)).padStart(6, '0');
  await redis
    .multi()
    .set(`otp:${phone}`, hashCode(code), 'EX', OTP_TTL_SECONDS)
    .del(`otp-tries:${phone}`)
    .exec();
  await sendSms(phone, `Your login code is ${code}`);
  res.status(202).json({ sent: true });
});

router.post('/otp/verify', async (req, res) => {
  const { phone, code } = req.body;
  const tries = await redis.incr(`otp-tries:${phone}`);
  await redis.expire(`otp-tries:${phone}`, OTP_TTL_SECONDS);
  if (tries > MAX_TRIES) {
    return res.status(429).json({ error: 'too many attempts' });
  }
  const stored = await redis.get(`otp:${phone}`);
  if (!stored || stored !== hashCode(code || '')) {
    return res.status(401).json({ error: 'wrong or expired code' });
  }
  await redis.del(`otp:${phone}`, `otp-tries:${phone}`);
  const user = await User.findOrCreateByPhone(phone);
  req.session.userId = user.id;
  res.json({ id: user.id });
});

module.exports = router;
