import Fastify from 'fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const exportQueue = new Queue('gdpr-exports', { connection });

const app = Fastify({ logger: true });

app.post<{ Params: { userId: string } }>('/users/:userId/export', async (request, reply) => {
  const job = await exportQueue.add(
    'export',
    { userId: request.params.userId, requestedBy: request.headers['x-admin-id'] },
    { jobId: `export:${request.params.userId}`, removeOnComplete: { age: 86400 } },
  );
  return reply.code(202).send({ jobId: job.id });
});

app.get<{ Params: { jobId: string } }>('/exports/:jobId', async (request, reply) => {
  const job = await exportQueue.getJob(request.params.jobId);
  if (!job) return reply.code(404).send({ error: 'unknown job' });
  return { state: await job.getState(), progress: job.progress };
});

app.addHook('onClose', async () => {
  await exportQueue.close();
  connection.disconnect();
});

export default app;
