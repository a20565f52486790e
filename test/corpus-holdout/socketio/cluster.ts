import { createServer } from "node:http";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { canAccessBoard } from "./boards.js";

interface CardMove {
  cardId: string;
  toColumn: string;
  position: number;
}

const pubClient = createClient({ url: process.env.REDIS_URL });
const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);

const httpServer = createServer();
const io = new Server(httpServer, { transports: ["websocket"] });
io.adapter(createAdapter(pubClient, subClient));

io.on("connection", async (socket) => {
  const boardId = String(socket.handshake.query.boardId ?? "");
  const userId = String(socket.handshake.auth.userId ?? "");
  if (!(await canAccessBoard(userId, boardId))) {
    socket.disconnect(true);
    return;
  }
  const room = `board:${boardId}`;
  await socket.join(room);
  socket.to(room).emit("viewer:joined", { userId });

  socket.on("card:moved", (move: CardMove) => {
    socket.to(room).emit("card:moved", { ...move, by: userId });
  });

  socket.on("cursor", (position: { x: number; y: number }) => {
    socket.volatile.to(room).emit("cursor", { userId, ...position });
  });

  socket.on("disconnect", () => {
    io.to(room).emit("viewer:left", { userId });
  });
});

httpServer.listen(Number(process.env.PORT ?? 4200));
