import { WebSocketServer, WebSocket } from 'ws';
import { Redis } from 'ioredis';
import { publishScore } from './scores.js';

const CHANNEL = 'scoreboard';

// Each instance forwards Redis messages to its own connections, so a score
// posted on any instance reaches every viewer.
const publisher = new Redis(process.env.REDIS_URL!);
const subscriber = new Redis(process.env.REDIS_URL!);

const wss = new WebSocketServer({ port: 8082 });

await subscriber.subscribe(CHANNEL);
subscriber.on('message', (_channel, message) => {
  for (const client of wss.clients) {
    if (client.readyState === WebSocket.OPEN) client.send(message);
  }
});

wss.on('connection', (ws) => {
  ws.on('message', async (raw) => {
    const { matchId, home, away } = JSON.parse(raw.toString()) as {
      matchId: string;
      home: number;
      away: number;
    };
    const score = await publishScore(matchId, home, away);
    await publisher.publish(CHANNEL, JSON.stringify(score));
  });
});
