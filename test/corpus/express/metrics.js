const express = require('express');
const client = require('prom-client');
const { Order } = require('./models');

const register = new client.Registry();
client.collectDefaultMetrics({ register });

const httpRequests = new client.Counter({
  name: 'http_requests_total',
  help: 'HTTP requests by route and status',
  labelNames: ['route', 'status'],
  registers: [register],
});
const orderValue = new client.Histogram({
  name: 'order_value_cents',
  help: 'Order value distribution',
  buckets: [500, 1000, 5000, 10000, 50000],
  registers: [register],
});

let inFlight = 0;

const app = express();
app.use(express.json());

app.use((req, res, next) => {
  inFlight++;
  res.on('finish', () => {
    inFlight--;
    httpRequests.inc({ route: req.route ? req.route.path : 'unmatched', status: res.statusCode });
  });
  next();
});

app.post('/orders', async (req, res) => {
  const order = await Order.create({ customerId: req.user.id, items: req.body.items });
  orderValue.observe(order.totalCents);
  res.status(201).json(order);
});

app.get('/metrics', async (req, res) => {
  res.set('Content-Type', register.contentType);
  res.set('X-In-Flight', String(inFlight));
  res.end(await register.metrics());
});

module.exports = app;
