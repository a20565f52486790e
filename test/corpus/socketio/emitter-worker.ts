import { Emitter } from '@socket.io/redis-emitter';
import { createClient } from 'redis';
import { Worker } from 'bullmq';

// Runs outside the Socket.IO servers and pushes job results to the user's
// room through Redis, so the server that has the socket delivers them.
const redisClient = createClient({ url: process.env.REDIS_URL });
await redisClient.connect();
const emitter = new Emitter(redisClient);

const worker = new Worker(
  'exports',
  async (job) => {
    const { userId, exportId } = job.data as { userId: string; exportId: string };
    emitter.to(`user:${userId}`).emit('export:started', { exportId });
    const url = await job.updateProgress(100).then(() => `/exports/${exportId}.csv`);
    emitter.to(`user:${userId}`).emit('export:ready', { exportId, url });
    return url;
  },
  { connection: { url: process.env.REDIS_URL } },
);

worker.on('failed', (job, err) => {
  if (job) emitter.to(`user:${job.data.userId}`).emit('export:failed', { message: err.message });
});
