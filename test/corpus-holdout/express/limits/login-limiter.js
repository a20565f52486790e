const { rateLimit } = require('express-rate-limit');
const slowDown = require('express-slow-down');

const FIFTEEN_MINUTES = 15 * 60 * 1000;

const loginLimitOptions = {
  windowMs: FIFTEEN_MINUTES,
  limit: 5,
};
loginLimitOptions.standardHeaders = 'draft-7';
loginLimitOptions.legacyHeaders = false;
loginLimitOptions.keyGenerator = (req) =>
  `${req.ip}:${String((req.body && req.body.email) || '').toLowerCase()}`;
loginLimitOptions.handler = (_req, res, _next, options) => {
  res
    .status(options.statusCode)
    .json({ error: 'Too many sign-in attempts, try again in 15 minutes' });
};

const loginLimiter = rateLimit(loginLimitOptions);

const resetSlowdown = slowDown({
  windowMs: FIFTEEN_MINUTES,
  delayAfter: 2,
  delayMs: (hits) => (hits - 2) * 500,
  maxDelayMs: 10_000,
});

function mountAuthLimits(router) {
  router.post('/login', loginLimiter);
  router.post('/password/reset', resetSlowdown, loginLimiter);
  router.post('/password/reset/confirm', loginLimiter);
  return router;
}

module.exports = { mountAuthLimits, loginLimiter };
