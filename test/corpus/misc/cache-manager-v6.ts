import express from 'express';
import { createCache } from 'cache-manager';
import { randomUUID } from 'node:crypto';
import { requireAuth } from './middleware/auth.js';
import { submitApplication } from './applications.js';

type Quote = { quoteId: string; userId: string; premiumCents: number; answers: Record<string, unknown> };

const quotes = createCache({ ttl: 30 * 60 * 1000 });

export const quoteRouter = express.Router();

quoteRouter.post('/quotes', requireAuth, async (req, res) => {
  const quote: Quote = {
    quoteId: randomUUID(),
    userId: req.user!.id,
    premiumCents: Math.round(12000 * (req.body.riskFactor ?? 1)),
    answers: req.body.answers ?? {},
  };
  await quotes.set(`quote:${quote.quoteId}`, quote);
  res.status(201).json(quote);
});

quoteRouter.post('/quotes/:quoteId/accept', requireAuth, async (req, res) => {
  const quote = await quotes.get<Quote>(`quote:${req.params.quoteId}`);
  if (!quote || quote.userId !== req.user!.id) {
    res.status(410).json({ error: 'quote expired, please start again' });
    return;
  }
  const application = await submitApplication(quote);
  await quotes.del(`quote:${quote.quoteId}`);
  res.json(application);
});
