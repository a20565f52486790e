const express = require('express');
const { createServer } = require('http');
const { Server } = require('socket.io');
const session = require('express-session');
const { loadDashboard } = require('./dashboard');

const app = express();
const httpServer = createServer(app);

const sessionMiddleware = session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
});

app.use(sessionMiddleware);
app.post('/login', express.json(), (req, res) => {
  req.session.userId = req.body.userId;
  res.sendStatus(204);
});

const io = new Server(httpServer);
io.engine.use(sessionMiddleware);

io.on('connection', (socket) => {
  const userId = socket.request.session.userId;
  if (!userId) {
    socket.disconnect(true);
    return;
  }
  socket.on('dashboard:refresh', async () => {
    socket.emit('dashboard', await loadDashboard(userId));
  });
});

httpServer.listen(3000);
