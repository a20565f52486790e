import express from 'express';
import PQueue from 'p-queue';
import { fetchCarrierRate, carriers } from './carriers.js';

export const ratesRouter = express.Router();

ratesRouter.post('/rates', async (req, res) => {
  // Limits how many carrier APIs this one request calls at the same time.
  const queue = new PQueue({ concurrency: 3, timeout: 5000 });
  const quotes: Array<{ carrier: string; cents: number }> = [];

  for (const carrier of carriers) {
    queue.add(async () => {
      const cents = await fetchCarrierRate(carrier, req.body.parcel);
      if (cents !== null) quotes.push({ carrier, cents });
    });
  }
  await queue.onIdle();

  quotes.sort((a, b) => a.cents - b.cents);
  res.json({ quotes });
});
