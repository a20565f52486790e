const express = require('express');
const { RateLimiterMemory } = require('rate-limiter-flexible');
const { authenticate } = require('./auth');

const router = express.Router();

const loginLimiter = new RateLimiterMemory({
  keyPrefix: 'login_fail_ip_email',
  points: 5,
  duration: 60 * 60,
  blockDuration: 15 * 60,
});

router.post('/login', async (req, res, next) => {
  const key = `${req.ip}_${String(req.body.email).toLowerCase()}`;
  try {
    const user = await authenticate(req.body.email, req.body.password);
    if (!user) {
      try {
        await loginLimiter.consume(key);
      } catch (rejection) {
        res.set('Retry-After', String(Math.ceil(rejection.msBeforeNext / 1000)));
        return res.status(429).json({ error: 'too many failed attempts' });
      }
      return res.status(401).json({ error: 'invalid credentials' });
    }
    await loginLimiter.delete(key);
    req.session.userId = user.id;
    res.json({ id: user.id });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
