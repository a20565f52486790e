import express from 'express';
import { Queue } from 'bullmq';
import { requireAuth } from './middleware/auth.js';
import { prisma } from './db.js';

const connection = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: 6379 };
const exportQueue = new Queue('exports', { connection });
const reminderQueue = new Queue('reminders', { connection });

export const jobsRouter = express.Router();

jobsRouter.post('/exports', requireAuth, async (req, res) => {
  const job = await exportQueue.add(
    'csv-export',
    { userId: req.user!.id, filters: req.body.filters ?? {} },
    { attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
  );
  res.status(202).json({ jobId: job.id });
});

jobsRouter.post('/tasks/:taskId/remind', requireAuth, async (req, res) => {
  const remindAt = new Date(req.body.remindAt);
  await prisma.task.update({ where: { id: req.params.taskId }, data: { remindAt } });
  await reminderQueue.add(
    'task-reminder',
    { userId: req.user!.id, taskId: req.params.taskId },
    { delay: Math.max(0, remindAt.getTime() - Date.now()), jobId: `remind:${req.params.taskId}` },
  );
  res.status(202).json({ remindAt });
});

jobsRouter.get('/exports/:jobId', requireAuth, async (req, res) => {
  const job = await exportQueue.getJob(req.params.jobId);
  if (!job || job.data.userId !== req.user!.id) {
    res.sendStatus(404);
    return;
  }
  res.json({ state: await job.getState(), result: job.returnvalue ?? null });
});
