import express from 'express';
import { prisma } from './db.js';
import { sendPush } from './push.js';
import { requireAuth } from './middleware/auth.js';

export const remindersRouter = express.Router();

const MAX_DELAY_MS = 7 * 24 * 60 * 60 * 1000;

async function sendReminder(userId: string, taskId: string): Promise<void> {
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task || task.completedAt) {
    return;
  }
  await sendPush(userId, { title: 'Reminder', body: task.title });
}

remindersRouter.post('/tasks/:taskId/remind', requireAuth, async (req, res) => {
  const remindAt = new Date(req.body.remindAt);
  const delay = remindAt.getTime() - Date.now();
  if (Number.isNaN(delay) || delay < 0 || delay > MAX_DELAY_MS) {
    res.status(400).json({ error: 'remindAt must be within the next 7 days' });
    return;
  }
  const userId = req.user!.id;
  const taskId = req.params.taskId;
  await prisma.task.update({ where: { id: taskId }, data: { remindAt } });

  setTimeout(() => {
    sendReminder(userId, taskId).catch((err) => console.error('reminder failed', err));
  }, delay);

  res.status(202).json({ remindAt });
});
