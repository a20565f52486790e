import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { randomUUID } from 'node:crypto';

interface CursorMessage {
  type: 'cursor';
  x: number;
  y: number;
}

const wss = new WebSocketServer({ port: 8084, perMessageDeflate: false });

function parse(raw: RawData): CursorMessage | null {
  try {
    const msg = JSON.parse(raw.toString()) as CursorMessage;
    return msg.type === 'cursor' && Number.isFinite(msg.x) && Number.isFinite(msg.y) ? msg : null;
  } catch {
    return null;
  }
}

wss.on('connection', (ws, req) => {
  const id = randomUUID();
  const name = new URL(req.url ?? '/', 'http://localhost').searchParams.get('name') ?? 'guest';

  ws.on('message', (raw) => {
    const msg = parse(raw);
    if (!msg) return;
    const frame = JSON.stringify({ id, name, x: msg.x, y: msg.y });
    for (const client of wss.clients) {
      if (client !== ws && client.readyState === WebSocket.OPEN) {
        client.send(frame);
      }
    }
  });

  ws.on('close', () => {
    const frame = JSON.stringify({ id, left: true });
    wss.clients.forEach((client) => client.send(frame));
  });
});
