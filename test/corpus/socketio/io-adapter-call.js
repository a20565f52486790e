const { createServer } = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const Redis = require('ioredis');
const { recordVote } = require('./polls');

const httpServer = createServer();
const io = new Server(httpServer);

const pubClient = new Redis(process.env.REDIS_URL);
const subClient = pubClient.duplicate();
io.adapter(createAdapter(pubClient, subClient));

io.on('connection', (socket) => {
  socket.on('poll:watch', (pollId) => socket.join(`poll:${pollId}`));

  socket.on('poll:vote', async ({ pollId, optionId }) => {
    const totals = await recordVote(pollId, optionId, socket.handshake.auth.voterId);
    io.to(`poll:${pollId}`).emit('poll:totals', totals);
  });

  socket.on('poll:close', (pollId) => {
    socket.broadcast.to(`poll:${pollId}`).emit('poll:closed', { pollId });
  });
});

httpServer.listen(process.env.PORT || 3000);
