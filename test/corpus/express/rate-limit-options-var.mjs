import express from 'express';
import { rateLimit, MemoryStore } from 'express-rate-limit';
import { slowDown } from 'express-slow-down';
import { createPayment, listPayments } from './payments.mjs';

const app = express();
app.use(express.json());

const paymentLimits = {
  windowMs: 10 * 60 * 1000,
  limit: 20,
  keyGenerator: (req) => req.get('x-merchant-id') ?? req.ip,
  store: new MemoryStore(),
};

const paymentLimiter = rateLimit(paymentLimits);

const speedLimiter = slowDown({
  windowMs: 60 * 1000,
  delayAfter: 30,
  delayMs: (hits) => hits * 100,
});

app.post('/payments', paymentLimiter, speedLimiter, async (req, res, next) => {
  try {
    const payment = await createPayment(req.get('x-merchant-id'), req.body);
    res.status(201).json(payment);
  } catch (err) {
    next(err);
  }
});

app.get('/payments', speedLimiter, async (req, res) => {
  res.json(await listPayments(req.get('x-merchant-id'), { limit: 50 }));
});

export default app;
