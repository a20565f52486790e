import { createServer } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { fetchQuotes } from './quotes.js';
import { verifyTicket } from './tickets.js';

const server = createServer((_req, res) => {
  res.writeHead(404).end();
});

const wss = new WebSocketServer({ server, path: '/ticker', maxPayload: 16 * 1024 });

function sendToOthers(sender, frame) {
  for (const client of wss.clients) {
    if (client !== sender && client.readyState === WebSocket.OPEN) client.send(frame);
  }
}

wss.on('connection', (socket, request) => {
  const ticket = new URL(request.url, 'http://localhost').searchParams.get('ticket');
  const viewer = verifyTicket(ticket);
  if (!viewer) {
    socket.close(4401, 'invalid ticket');
    return;
  }
  socket.isAlive = true;
  socket.on('pong', () => {
    socket.isAlive = true;
  });

  socket.on('message', (raw) => {
    let message;
    try {
      message = JSON.parse(raw.toString());
    } catch {
      socket.send(JSON.stringify({ type: 'error', error: 'frames must be JSON' }));
      return;
    }
    if (message.type !== 'chat') return;
    const text = String(message.text).slice(0, 500);
    sendToOthers(socket, JSON.stringify({ type: 'chat', from: viewer.name, text }));
  });
});

setInterval(async () => {
  const quotes = await fetchQuotes();
  const frame = JSON.stringify({ type: 'quotes', quotes });
  wss.clients.forEach((client) => {
    if (client.readyState === WebSocket.OPEN) client.send(frame);
  });
}, 1000);

setInterval(() => {
  for (const client of wss.clients) {
    if (!client.isAlive) client.terminate();
    client.isAlive = false;
    client.ping();
  }
}, 30_000);

server.listen(Number(process.env.PORT) || 8080);
