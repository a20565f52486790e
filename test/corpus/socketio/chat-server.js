const express = require('express');
const http = require('http');
const jwt = require('jsonwebtoken');
const { Message } = require('./models');

const app = express();
const server = http.createServer(app);
const io = require('socket.io')(server, { cors: { origin: process.env.CLIENT_ORIGIN } });

// userId -> socket id of the user's latest connection
const onlineUsers = new Map();

io.use((socket, next) => {
  try {
    socket.user = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET);
    next();
  } catch (err) {
    next(new Error('unauthorized'));
  }
});

io.on('connection', (socket) => {
  onlineUsers.set(socket.user.sub, socket.id);
  io.emit('presence', [...onlineUsers.keys()]);

  socket.on('private message', async ({ to, text }) => {
    const message = await Message.create({ from: socket.user.sub, to, text });
    const target = onlineUsers.get(to);
    if (target) {
      io.to(target).emit('private message', message);
    }
  });

  socket.on('typing', (conversationId) => {
    socket.broadcast.emit('typing', { conversationId, userId: socket.user.sub });
  });

  socket.on('disconnect', () => {
    onlineUsers.delete(socket.user.sub);
    io.emit('presence', [...onlineUsers.keys()]);
  });
});

server.listen(process.env.PORT || 4000);
