const express = require('express');
const { requireUser } = require('./middleware/auth');
const { Notification } = require('./models');

const router = express.Router();

// Open EventSource responses, one entry per browser tab.
const clients = new Set();

router.get('/notifications/stream', requireUser, (req, res) => {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  res.write('retry: 5000\n\n');
  const client = { userId: req.user.id, res };
  clients.add(client);
  req.on('close', () => clients.delete(client));
});

function pushTo(userId, event) {
  for (const client of clients) {
    if (client.userId === userId) {
      client.res.write(`event: notification\ndata: ${JSON.stringify(event)}\n\n`);
    }
  }
}

router.post('/notifications', requireUser, async (req, res) => {
  const notification = await Notification.create({
    userId: req.body.recipientId,
    senderId: req.user.id,
    text: req.body.text,
  });
  pushTo(req.body.recipientId, notification.toJSON());
  res.status(201).json(notification);
});

module.exports = router;
