import { createServer } from "node:http";
import { Server } from "socket.io";
import { verifySessionToken } from "./auth.js";
import { subscribeToOrderEvents, type OrderEvent } from "./order-events.js";

interface ServerToClientEvents {
  "order:updated": (event: OrderEvent) => void;
  announcement: (text: string) => void;
}

interface ClientToServerEvents {
  announce: (text: string) => void;
}

interface SocketData {
  userId: string;
  isStaff: boolean;
}

const httpServer = createServer();

export const io = new Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>(httpServer, { path: "/realtime", transports: ["websocket", "polling"] });

io.use(async (socket, next) => {
  const claims = await verifySessionToken(socket.handshake.auth.token);
  if (!claims) return next(new Error("invalid session token"));
  socket.data.userId = claims.sub;
  socket.data.isStaff = claims.roles.includes("staff");
  next();
});

io.on("connection", (socket) => {
  void socket.join(`user:${socket.data.userId}`);

  socket.on("announce", (text) => {
    if (!socket.data.isStaff) return;
    socket.broadcast.emit("announcement", text.slice(0, 280));
  });
});

// Order events come from the payment webhook handled by this same process.
subscribeToOrderEvents((event) => {
  io.to(`user:${event.customerId}`).emit("order:updated", event);
});

httpServer.listen(Number(process.env.PORT ?? 4000));
