import { Server } from 'socket.io';
import { verify } from './tokens.js';

const io = new Server(3005, { cors: { origin: '*' } });

io.use((socket, next) => {
  const claims = verify(socket.handshake.auth.token);
  if (!claims) return next(new Error('invalid token'));
  socket.data.name = claims.name;
  next();
});

io.on('connection', (socket) => {
  socket.on('conversation:open', (conversationId) => {
    socket.join(conversationId);
  });

  socket.on('typing', (conversationId) => {
    socket.to(conversationId).emit('typing', { name: socket.data.name, conversationId });
  });

  socket.on('typing:stop', (conversationId) => {
    socket.to(conversationId).emit('typing:stop', { name: socket.data.name, conversationId });
  });

  socket.on('conversation:close', (conversationId) => {
    socket.leave(conversationId);
  });
});
