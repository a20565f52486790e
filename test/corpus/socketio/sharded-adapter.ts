import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { authenticate } from './auth.js';

const pubClient = createClient({ url: process.env.REDIS_URL });
const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);

const io = new Server(createServer(), {
  adapter: createShardedAdapter(pubClient, subClient, { subscriptionMode: 'dynamic' }),
});

io.use(authenticate);

io.on('connection', (socket) => {
  const { userId, teamId } = socket.data as { userId: string; teamId: string };
  socket.join([`user:${userId}`, `team:${teamId}`]);

  socket.on('status', (status: 'online' | 'away') => {
    socket.to(`team:${teamId}`).emit('status', { userId, status });
  });

  socket.on('disconnect', () => {
    io.to(`team:${teamId}`).emit('status', { userId, status: 'offline' });
  });
});

io.listen(Number(process.env.PORT ?? 3003));
