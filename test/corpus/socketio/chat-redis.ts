import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { verifyToken } from './auth.js';
import { saveMessage } from './messages.js';

const pubClient = createClient({ url: process.env.REDIS_URL });
const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);

const httpServer = createServer();
const io = new Server(httpServer, {
  adapter: createAdapter(pubClient, subClient),
  transports: ['websocket'],
});

io.use(async (socket, next) => {
  const user = await verifyToken(socket.handshake.auth.token).catch(() => null);
  if (!user) return next(new Error('unauthorized'));
  socket.data.userId = user.id;
  next();
});

io.on('connection', async (socket) => {
  await socket.join(`user:${socket.data.userId}`);

  socket.on('message', async (payload: { to: string; text: string }, ack?: (id: string) => void) => {
    const message = await saveMessage(socket.data.userId, payload.to, payload.text);
    io.to(`user:${payload.to}`).to(`user:${socket.data.userId}`).emit('message', message);
    ack?.(message.id);
  });

  socket.on('room:join', async (roomId: string) => {
    await socket.join(`room:${roomId}`);
    socket.to(`room:${roomId}`).emit('room:joined', { userId: socket.data.userId });
  });
});

httpServer.listen(Number(process.env.PORT ?? 4000));
