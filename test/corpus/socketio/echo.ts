import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { translate } from './translate.js';
import { verifyToken } from './auth.js';

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });

io.use(async (socket, next) => {
  const user = await verifyToken(socket.handshake.auth.token).catch(() => null);
  if (!user) return next(new Error('unauthorized'));
  socket.data.user = user;
  next();
});

// Each event gets its reply on the socket that sent it, and nothing is broadcast.
io.on('connection', (socket) => {
  let translated = 0;

  socket.on('translate', async ({ text, to }: { text: string; to: string }, ack?: (r: unknown) => void) => {
    const result = await translate(text, to, socket.data.user.plan);
    translated += 1;
    if (ack) {
      ack({ ok: true, result });
    } else {
      socket.emit('translated', { result, count: translated });
    }
  });

  socket.on('whoami', () => {
    socket.emit('whoami', { id: socket.data.user.id, plan: socket.data.user.plan });
  });
});

httpServer.listen(3002);
