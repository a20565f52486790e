const express = require('express');
const { rateLimit } = require('express-rate-limit');
const { slowDown } = require('express-slow-down');
const { RedisStore } = require('rate-limit-redis');
const Redis = require('ioredis');
const { signup } = require('./controllers/signup');

const client = new Redis(process.env.REDIS_URL);

const signupLimiter = rateLimit({
  windowMs: 60 * 60 * 1000,
  limit: 5,
  store: new RedisStore({ prefix: 'rl:signup:', sendCommand: (...args) => client.call(...args) }),
});

const signupSlowDown = slowDown({
  windowMs: 15 * 60 * 1000,
  delayAfter: 2,
  delayMs: (hits) => (hits - 2) * 500,
  store: new RedisStore({ prefix: 'sd:signup:', sendCommand: (...args) => client.call(...args) }),
});

const router = express.Router();
router.post('/signup', signupSlowDown, signupLimiter, signup);

module.exports = router;
