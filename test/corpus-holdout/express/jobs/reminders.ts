import { Router } from "express";
import { sendMail } from "../mail/send-mail.js";
import { findCartOwner } from "../db/carts.js";

interface DigestJob {
  userId: string;
  email: string;
  requestedAt: number;
}

const digestQueue: DigestJob[] = [];

const ABANDONED_CART_DELAY_MS = 2 * 60 * 60 * 1000;
const DIGEST_BATCH = 25;

export const reminderRouter = Router();

reminderRouter.post("/carts/:cartId/abandon", async (req, res, next) => {
  try {
    const owner = await findCartOwner(req.params.cartId);
    if (!owner || owner.id !== res.locals.viewer.id) {
      res.status(404).json({ error: `cart ${req.params.cartId} not found` });
      return;
    }
    setTimeout(() => {
      sendMail(owner.email, "cart-reminder", { cartId: req.params.cartId }).catch(
        (err) => console.error(`cart reminder for ${owner.id} failed`, err),
      );
    }, ABANDONED_CART_DELAY_MS);
    res.status(202).json({ remindAt: Date.now() + ABANDONED_CART_DELAY_MS });
  } catch (err) {
    next(err);
  }
});

reminderRouter.post("/me/digest", (_req, res) => {
  const viewer = res.locals.viewer as { id: string; email: string };
  digestQueue.push({
    userId: viewer.id,
    email: viewer.email,
    requestedAt: Date.now(),
  });
  res.status(202).json({ position: digestQueue.length });
});

async function drainDigests(): Promise<void> {
  const batch = digestQueue.splice(0, DIGEST_BATCH);
  for (const job of batch) {
    try {
      await sendMail(job.email, "weekly-digest", { userId: job.userId });
    } catch (err) {
      console.error(`digest for ${job.userId} failed, re-queued`, err);
      digestQueue.push(job);
    }
  }
}

setInterval(() => {
  void drainDigests();
}, 10_000).unref();
