import express from 'express';
import Bottleneck from 'bottleneck';
import { sendSms } from './sms.js';

// Limiter state is in Redis, so the provider's 10 msg/s cap applies across instances.
const smsLimiter = new Bottleneck({
  id: 'sms-provider',
  datastore: 'ioredis',
  clearDatastore: false,
  clientOptions: { host: process.env.REDIS_HOST, port: 6379 },
  maxConcurrent: 5,
  minTime: 100,
});

smsLimiter.on('error', (err) => console.error('sms limiter error', err));

export const smsRouter = express.Router();

smsRouter.post('/notify/sms', async (req, res) => {
  const { phone, text } = req.body as { phone: string; text: string };
  const result = await smsLimiter.schedule(() => sendSms(phone, text));
  res.status(202).json({ id: result.id });
});
