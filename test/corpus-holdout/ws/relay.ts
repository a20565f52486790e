import type { IncomingMessage } from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import { Redis } from "ioredis";
import { readRole } from "./roles.js";

interface ScoreUpdate {
  matchId: string;
  home: number;
  away: number;
}

const CHANNEL = "scoreboard:updates";
const publisher = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const subscriber = publisher.duplicate();

export const wss = new WebSocketServer({ port: Number(process.env.WS_PORT ?? 8081) });

// Every instance subscribes, so an update published anywhere reaches the
// sockets connected here.
await subscriber.subscribe(CHANNEL);
subscriber.on("message", (_channel: string, payload: string) => {
  for (const client of wss.clients) {
    if (client.readyState === WebSocket.OPEN) client.send(payload);
  }
});

function parseUpdate(raw: string): ScoreUpdate | null {
  try {
    const value = JSON.parse(raw) as Partial<ScoreUpdate>;
    if (typeof value.matchId !== "string") return null;
    if (!Number.isInteger(value.home) || !Number.isInteger(value.away)) return null;
    return value as ScoreUpdate;
  } catch {
    return null;
  }
}

wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
  const role = readRole(request);

  socket.on("message", async (data) => {
    if (role !== "scorekeeper") {
      socket.send(JSON.stringify({ error: "this connection is read-only" }));
      return;
    }
    const update = parseUpdate(data.toString());
    if (!update) {
      socket.send(JSON.stringify({ error: "expected {matchId, home, away}" }));
      return;
    }
    await publisher.publish(CHANNEL, JSON.stringify(update));
  });
});
