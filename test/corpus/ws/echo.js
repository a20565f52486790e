'use strict';

const { WebSocketServer } = require('ws');
const { evaluate } = require('./calculator');

const wss = new WebSocketServer({ port: 8083, clientTracking: false });

wss.on('connection', (ws, req) => {
  const history = [];
  const ip = req.socket.remoteAddress;

  ws.on('message', (data) => {
    const expression = data.toString().slice(0, 200);
    let reply;
    try {
      reply = { ok: true, value: evaluate(expression) };
    } catch (err) {
      reply = { ok: false, error: err.message };
    }
    history.push(expression);
    if (history.length > 20) history.shift();
    ws.send(JSON.stringify({ ...reply, history }));
  });

  ws.on('error', (err) => console.error('socket error from %s: %s', ip, err.message));
});
