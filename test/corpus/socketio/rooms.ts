import { createServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { getBoard, moveCard } from './boards.js';

const httpServer = createServer();
const io = new Server(httpServer, {
  cors: { origin: ['https://app.example.test'], credentials: true },
  pingInterval: 20_000,
});

const moveSchema = z.object({
  boardId: z.string(),
  cardId: z.string(),
  toColumn: z.string(),
  position: z.number().int().nonnegative(),
});

function onJoin(socket: Socket) {
  return async (boardId: string) => {
    const board = await getBoard(boardId, socket.data.userId);
    if (!board) return socket.emit('error', { message: 'board not found' });
    await socket.join(`board:${boardId}`);
    socket.emit('board:state', board);
  };
}

io.on('connection', (socket) => {
  socket.data.userId = String(socket.handshake.auth.userId ?? '');

  socket.on('board:join', onJoin(socket));

  socket.on('card:move', async (raw) => {
    const move = moveSchema.safeParse(raw);
    if (!move.success) return;
    const card = await moveCard(move.data, socket.data.userId);
    io.to(`board:${move.data.boardId}`).emit('card:moved', card);
  });
});

httpServer.listen(3001);
