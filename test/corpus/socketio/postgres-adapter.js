const { createServer } = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/postgres-adapter');
const { Pool } = require('pg');
const { authorize, Leaderboard } = require('./game');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

pool.query(`
  CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE,
    created_at timestamptz DEFAULT NOW(),
    payload bytea
  );
`);

const io = new Server(createServer());
io.adapter(createAdapter(pool));

io.use(authorize);

io.on('connection', (socket) => {
  socket.join(`game:${socket.data.gameId}`);

  socket.on('score', async (points) => {
    const board = await Leaderboard.add(socket.data.gameId, socket.data.playerId, Number(points) || 0);
    io.to(`game:${socket.data.gameId}`).emit('leaderboard', board);
  });
});

io.listen(Number(process.env.PORT) || 3010);
