const http = require('node:http');
const express = require('express');
const jwt = require('jsonwebtoken');
const { saveMessage, loadRecentMessages } = require('./messages');

const app = express();
const httpServer = http.createServer(app);
const io = require('socket.io')(httpServer, {
  cors: { origin: process.env.WEB_ORIGIN, credentials: true },
  pingInterval: 20000,
});

const onlineUsers = new Map(); // userId -> Set of socket ids

io.use((socket, next) => {
  try {
    socket.data.user = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET);
    next();
  } catch {
    next(new Error('unauthorized'));
  }
});

io.on('connection', async (socket) => {
  const { sub: userId, name } = socket.data.user;
  const sockets = onlineUsers.get(userId) || new Set();
  sockets.add(socket.id);
  onlineUsers.set(userId, sockets);
  socket.broadcast.emit('presence', { userId, online: true });
  socket.emit('history', await loadRecentMessages(50));

  socket.on('message', async (text, ack) => {
    if (typeof text !== 'string' || text.length === 0 || text.length > 2000) {
      return ack && ack({ error: 'message must be 1 to 2000 characters' });
    }
    const message = await saveMessage({ userId, name, text });
    io.emit('message', message);
    if (ack) ack({ id: message.id });
  });

  socket.on('direct', ({ to, text }) => {
    for (const socketId of onlineUsers.get(to) || []) {
      io.to(socketId).emit('direct', { from: userId, text: String(text) });
    }
  });

  socket.on('disconnect', () => {
    sockets.delete(socket.id);
    if (sockets.size === 0) {
      onlineUsers.delete(userId);
      io.emit('presence', { userId, online: false });
    }
  });
});

app.get('/online', (_req, res) => res.json({ count: onlineUsers.size }));

httpServer.listen(Number(process.env.PORT) || 3001);
