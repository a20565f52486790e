const express = require('express');
const cron = require('node-cron');
const { fetchExchangeRates } = require('./rates-client');
const { Rate } = require('./models');

const app = express();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetry(fn, attempts = 3) {
  let lastErr;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastErr = err;
      await sleep(200 * 2 ** i);
    }
  }
  throw lastErr;
}

app.get('/convert', async (req, res, next) => {
  try {
    const { from, to, amount } = req.query;
    const rate = await withRetry(() => Rate.findOne({ where: { from, to } }));
    if (!rate) return res.status(404).json({ error: 'unknown currency pair' });
    res.json({ amount: Number(amount) * rate.value });
  } catch (err) {
    next(err);
  }
});

// Refreshes the shared rates table once an hour on every instance.
cron.schedule('0 * * * *', async () => {
  const rates = await withRetry(() => fetchExchangeRates());
  await Rate.bulkCreate(rates, { updateOnDuplicate: ['value', 'updatedAt'] });
});

module.exports = app;
