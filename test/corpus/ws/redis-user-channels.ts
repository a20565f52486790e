import { createServer } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { Redis } from 'ioredis';
import { verifyTicket } from './tickets.js';

// Connections on this instance only; delivery to users connected elsewhere
// goes through Redis, where every instance subscribes to its users' channels.
const localSockets = new Map<string, Set<WebSocket>>();
const subscriber = new Redis(process.env.REDIS_URL!);

subscriber.on('message', (channel, message) => {
  const userId = channel.slice('notify:'.length);
  for (const ws of localSockets.get(userId) ?? []) ws.send(message);
});

const server = createServer();
const wss = new WebSocketServer({ server, path: '/notifications' });

wss.on('connection', async (ws, req) => {
  const userId = await verifyTicket(new URL(req.url ?? '/', 'http://localhost').searchParams.get('ticket'));
  if (!userId) return ws.close(4401, 'unauthorized');

  const sockets = localSockets.get(userId) ?? new Set<WebSocket>();
  if (sockets.size === 0) await subscriber.subscribe(`notify:${userId}`);
  sockets.add(ws);
  localSockets.set(userId, sockets);

  ws.on('close', async () => {
    sockets.delete(ws);
    if (sockets.size === 0) {
      localSockets.delete(userId);
      await subscriber.unsubscribe(`notify:${userId}`);
    }
  });
});

server.listen(8085);
