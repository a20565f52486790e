const express = require('express');
const rateLimit = require('express-rate-limit');
const { login, requestPasswordReset } = require('./controllers/auth');

const router = express.Router();

const authLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 10,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  message: { error: 'Too many attempts, try again in 15 minutes' },
});

router.post('/login', authLimiter, login);
router.post('/password/forgot', authLimiter, requestPasswordReset);

router.get('/password/policy', (req, res) => {
  res.json({ minLength: 12, requireDigit: true, requireSymbol: false });
});

module.exports = router;
