const express = require('express');
const { performance } = require('perf_hooks');
const { Order, Customer } = require('./models');
const logger = require('./logger');

const app = express();

// Keyed by the request object, so entries go away with the request.
const startTimes = new WeakMap();

app.use((req, res, next) => {
  startTimes.set(req, performance.now());
  res.on('finish', () => {
    const ms = performance.now() - startTimes.get(req);
    logger.info({ path: req.path, status: res.statusCode, ms }, 'request done');
  });
  next();
});

app.get('/customers/:id/orders', async (req, res) => {
  const orders = await Order.findAll({ where: { customerId: req.params.id } });
  const totalsByStatus = new Map();
  for (const order of orders) {
    totalsByStatus.set(order.status, (totalsByStatus.get(order.status) || 0) + order.totalCents);
  }
  const seen = {};
  const products = [];
  for (const order of orders) {
    for (const item of order.items) {
      if (!seen[item.productId]) {
        seen[item.productId] = true;
        products.push(item.productId);
      }
    }
  }
  res.json({ totals: Object.fromEntries(totalsByStatus), products });
});

app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findByPk(req.params.id);
  if (!customer) return res.sendStatus(404);
  res.json(customer);
});

module.exports = app;
