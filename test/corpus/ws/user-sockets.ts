import { createServer, type IncomingMessage } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { jwtVerify } from 'jose';
import { storeMessage } from './messages.js';

const secret = new TextEncoder().encode(process.env.JWT_SECRET);
const server = createServer();
const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

const socketsByUser = new Map<string, Set<WebSocket>>();

async function authenticate(req: IncomingMessage): Promise<string | null> {
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  if (!token) return null;
  const { payload } = await jwtVerify(token, secret).catch(() => ({ payload: {} as { sub?: string } }));
  return payload.sub ?? null;
}

server.on('upgrade', async (req, socket, head) => {
  const userId = await authenticate(req);
  if (!userId) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, userId));
});

wss.on('connection', (ws: WebSocket, userId: string) => {
  const sockets = socketsByUser.get(userId) ?? new Set<WebSocket>();
  sockets.add(ws);
  socketsByUser.set(userId, sockets);

  ws.on('message', async (raw) => {
    const { to, text } = JSON.parse(raw.toString()) as { to: string; text: string };
    const message = await storeMessage(userId, to, text);
    for (const peer of socketsByUser.get(to) ?? []) peer.send(JSON.stringify(message));
  });

  ws.on('close', () => {
    sockets.delete(ws);
    if (sockets.size === 0) socketsByUser.delete(userId);
    for (const client of wss.clients) client.send(JSON.stringify({ type: 'offline', userId }));
  });
});

server.listen(8081);
