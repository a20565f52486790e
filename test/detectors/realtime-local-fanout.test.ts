import { describe, expect, it } from "vitest";

import { realtimeLocalFanout } from "../../src/detectors/realtime-local-fanout.js";
import { analyze } from "../../src/engine/analyze.js";
import { describeDetectorCases } from "../support/detector-cases.js";

describe("realtime-local-fanout", () => {
  describeDetectorCases(realtimeLocalFanout, {
    valid: [
      {
        name: "adapter option on the server",
        code: `import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
io.on("connection", (socket) => socket.on("chat", (msg) => io.emit("chat", msg)));`,
      },
      {
        name: "adapter attached after construction",
        code: `const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const io = new Server(server);
io.adapter(createAdapter(pubClient, subClient));
io.on("connection", (socket) => socket.broadcast.emit("joined", socket.id));`,
      },
      {
        name: "adapter attached in another file",
        files: {
          "src/adapter.js": `import { createAdapter } from "@socket.io/redis-adapter";
export function attachAdapter(io, pub, sub) {
  io.adapter(createAdapter(pub, sub));
}`,
        },
        code: `import { Server } from "socket.io";
import { attachAdapter } from "./adapter.js";
const io = new Server(httpServer);
attachAdapter(io, pub, sub);
io.on("connection", (socket) => socket.to("lobby").emit("hello"));`,
      },
      {
        name: "echo to the same socket",
        code: `import { Server } from "socket.io";
const io = new Server(httpServer);
io.on("connection", (socket) => {
  socket.on("ping", () => socket.emit("pong"));
  io.to(socket.id).emit("welcome");
  io.to(\`\${socket.id}\`).emit("init-room");
});`,
      },
      {
        name: "explicitly local emit",
        code: `import { Server } from "socket.io";
const io = new Server(httpServer);
setInterval(() => io.local.emit("tick", Date.now()), 1000);`,
      },
      {
        name: "socket.io client code",
        code: `import { io } from "socket.io-client";
const socket = io("http://localhost:3000");
socket.emit("chat", "hi");`,
      },
      {
        name: "ws server that only answers the sender",
        code: `import { WebSocketServer } from "ws";
const wss = new WebSocketServer({ port: 8080 });
wss.on("connection", (ws) => ws.on("message", (data) => ws.send(data)));`,
      },
      {
        name: "ws broadcast fed by Redis pub/sub",
        code: `import { WebSocketServer } from "ws";
import Redis from "ioredis";
const wss = new WebSocketServer({ port: 8080 });
const subscriber = new Redis();
await subscriber.subscribe("chat");
subscriber.on("message", (_channel, message) => {
  wss.clients.forEach((client) => client.send(message));
});`,
      },
      {
        name: "Nest gateway with a Redis adapter in main.ts",
        path: "src/chat/chat.gateway.ts",
        files: {
          "src/main.ts": `import { NestFactory } from "@nestjs/core";
import { RedisIoAdapter } from "./redis-io.adapter";
const app = await NestFactory.create(AppModule);
const redisIoAdapter = new RedisIoAdapter(app);
await redisIoAdapter.connectToRedis();
app.useWebSocketAdapter(redisIoAdapter);`,
        },
        code: `import { WebSocketGateway, WebSocketServer, SubscribeMessage } from "@nestjs/websockets";
import { Server } from "socket.io";
@WebSocketGateway()
export class ChatGateway {
  @WebSocketServer() server: Server;
  @SubscribeMessage("chat")
  handle(message: string) {
    this.server.emit("chat", message);
  }
}`,
      },
      {
        name: "Nest gateway that only answers the sender",
        path: "src/echo.gateway.ts",
        code: `import { WebSocketGateway, SubscribeMessage, MessageBody } from "@nestjs/websockets";
@WebSocketGateway()
export class EchoGateway {
  @SubscribeMessage("echo")
  echo(@MessageBody() data: string) {
    return { event: "echo", data };
  }
}`,
      },
      {
        name: "test file is not analysed",
        path: "test/socket.test.js",
        code: `const { Server } = require("socket.io");
const io = new Server(3000);
io.emit("hello");`,
      },
    ],
    invalid: [
      {
        name: "chat relayed to everyone",
        code: `import { createServer } from "node:http";
import { Server } from "socket.io";
const httpServer = createServer(app);
const io = new Server(httpServer, { cors: { origin: "*" } });
io.on("connection", (socket) => {
  socket.on("chat", (msg) => io.emit("chat", msg));
});`,
        findings: [
          {
            line: 4,
            column: 12,
            severity: "high",
            message: "`io.emit(...)` on line 6",
          },
        ],
      },
      {
        name: "CommonJS factory with a broadcast",
        code: `const server = require("http").createServer(app);
const io = require("socket.io")(server);
io.on("connection", function (socket) {
  socket.on("typing", () => socket.broadcast.emit("typing", socket.id));
});`,
        findings: [{ line: 2, column: 12, severity: "high" }],
      },
      {
        name: "aliased server class with rooms",
        path: "src/realtime.ts",
        code: `import { Server as SocketIOServer } from "socket.io";
export function attach(server: import("http").Server) {
  const io = new SocketIOServer(server, { cors: { origin: "*" } });
  io.on("connection", (socket) => {
    socket.on("join", (room: string) => socket.join(room));
    socket.on("message", ({ room, text }) => socket.to(room).emit("message", text));
  });
  return io;
}`,
        findings: [{ line: 3, column: 14, message: "socket.to(room).emit" }],
      },
      {
        name: "emits to users from route files",
        files: {
          "src/routes/notify.js": `router.post("/notify/:userId", (req, res) => {
  req.app.get("io").to(req.params.userId).emit("notification", req.body);
  res.sendStatus(204);
});`,
        },
        code: `const { Server } = require("socket.io");
const io = new Server(server);
app.set("io", io);
app.use(require("./routes/notify"));`,
        findings: [{ line: 2, column: 12, message: "in other analysed files" }],
      },
      {
        name: "namespace alias in a handler module",
        path: "src/index.js",
        files: {
          "src/chat-io.js": `module.exports = function (io) {
  const chat = io.of("/chat");
  chat.on("connection", (client) => {
    client.on("chat message", (message) => chat.emit(message.room, message));
  });
};`,
        },
        code: `const { Server } = require("socket.io");
const io = new Server(server);
require("./chat-io")(io);`,
        findings: [{ line: 2, column: 12, severity: "high" }],
      },
      {
        name: "loop over a set of connected sockets",
        code: `const { Server: IoServer } = require("socket.io");
const io = new IoServer(server);
const sockets = new Set();
io.on("connection", (socket) => {
  sockets.add(socket);
  socket.on("disconnect", () => sockets.delete(socket));
});
function announce(text) {
  for (const socket of sockets) socket.emit("announcement", text);
}`,
        findings: [
          {
            line: 2,
            column: 12,
            message: "an emit over the sockets in `sockets` on line 9",
          },
        ],
      },
      {
        name: "direct send through the local socket registry",
        code: `const { Server } = require("socket.io");
const io = new Server(3000);
io.on("connection", (socket) => {
  socket.on("dm", ({ to, text }) => io.sockets.sockets.get(to)?.emit("dm", text));
});`,
        findings: [{ line: 2, column: 12 }],
      },
      {
        name: "namespace broadcast after attach",
        code: `import { Server } from "socket.io";
const io = new Server();
io.attach(httpServer);
export function announce(text) {
  io.of("/news").emit("headline", text);
}`,
        findings: [{ line: 2, column: 12 }],
      },
      {
        name: "Nest gateway broadcasting through its server",
        path: "src/chat/chat.gateway.ts",
        code: `import { WebSocketGateway, WebSocketServer, SubscribeMessage, MessageBody } from "@nestjs/websockets";
import { Server } from "socket.io";

@WebSocketGateway({ cors: true })
export class ChatGateway {
  @WebSocketServer()
  server: Server;

  @SubscribeMessage("message")
  handleMessage(@MessageBody() message: string) {
    this.server.emit("message", message);
  }
}`,
        findings: [
          {
            line: 4,
            column: 2,
            severity: "high",
            message: "`this.server.emit(...)` on line 11",
          },
        ],
      },
      {
        name: "Nest gateway broadcasting from the client",
        path: "src/presence.gateway.ts",
        files: {
          "src/main.ts": `import { NestFactory } from "@nestjs/core";
import { IoAdapter } from "@nestjs/platform-socket.io";
const app = await NestFactory.create(AppModule);
app.useWebSocketAdapter(new IoAdapter(app));`,
        },
        code: `import { WebSocketGateway, SubscribeMessage, ConnectedSocket } from "@nestjs/websockets";
import { Socket } from "socket.io";
@WebSocketGateway({ namespace: "presence" })
export class PresenceGateway {
  @SubscribeMessage("online")
  online(@ConnectedSocket() client: Socket) {
    client.broadcast.emit("online", client.data.userId);
  }
}`,
        findings: [{ line: 3, column: 2, severity: "high" }],
      },
      {
        name: "ws broadcast over wss.clients",
        code: `import WebSocket, { WebSocketServer } from "ws";
const wss = new WebSocketServer({ server });
wss.on("connection", (ws) => {
  ws.on("message", (data) => {
    wss.clients.forEach((client) => {
      if (client.readyState === WebSocket.OPEN) client.send(data);
    });
  });
});`,
        findings: [
          {
            line: 2,
            column: 13,
            severity: "medium",
            message: "(line 5)",
          },
        ],
      },
      {
        name: "ws Server class with a for-of loop",
        code: `const WebSocket = require("ws");
const wss = new WebSocket.Server({ port: 8080 });
function broadcast(message) {
  for (const client of wss.clients) client.send(message);
}
wss.on("connection", (ws) => ws.on("message", broadcast));`,
        findings: [{ line: 2, column: 13, severity: "medium" }],
      },
      {
        name: "ws registry of user sockets",
        code: `import { WebSocketServer } from "ws";
const sockets = new Map();
const wss = new WebSocketServer({ port: 8080 });
wss.on("connection", (ws, req) => {
  const userId = new URL(req.url, "http://x").searchParams.get("user");
  sockets.set(userId, ws);
});
export function notify(userId, payload) {
  sockets.get(userId)?.send(JSON.stringify(payload));
}`,
        findings: [{ line: 3, column: 13, message: "(line 9)" }],
      },
      {
        name: "Nest ws gateway over its clients",
        path: "src/events.gateway.ts",
        code: `import { WebSocketGateway, WebSocketServer, SubscribeMessage } from "@nestjs/websockets";
import { Server } from "ws";
@WebSocketGateway(8080)
export class EventsGateway {
  @WebSocketServer() server: Server;
  @SubscribeMessage("events")
  onEvent(data: unknown) {
    this.server.clients.forEach((client) => client.send(JSON.stringify(data)));
  }
}`,
        findings: [{ line: 3, column: 2, severity: "medium" }],
      },
    ],
  });

  it("moves to a changed emit line in a review", () => {
    const result = analyze(
      [
        {
          path: "src/server.js",
          text: `import { Server } from "socket.io";
const io = new Server(httpServer);
io.on("connection", (socket) => {
  socket.on("chat", (msg) => io.emit("chat", msg));
});`,
        },
      ],
      {
        detectors: [realtimeLocalFanout],
        changedLines: new Map([["src/server.js", new Set([4])]]),
      },
    );
    expect(result.findings.map((finding) => finding.line)).toEqual([4]);
  });
});
