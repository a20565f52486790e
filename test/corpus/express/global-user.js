const express = require('express');
const { verifyToken } = require('./auth');
const { Invoice } = require('./models');

const app = express();

app.use(async (req, res, next) => {
  try {
    const claims = await verifyToken(req.get('authorization'));
    global.authUser = { id: claims.sub, tenantId: claims.tenant, roles: claims.roles };
    next();
  } catch (err) {
    res.status(401).json({ error: 'unauthorized' });
  }
});

function tenantScope() {
  return { tenantId: global.authUser.tenantId };
}

app.get('/invoices', async (req, res) => {
  const invoices = await Invoice.findAll({ where: tenantScope(), limit: 100 });
  res.json(invoices);
});

app.get('/invoices/:id', async (req, res) => {
  const invoice = await Invoice.findOne({ where: { ...tenantScope(), id: req.params.id } });
  if (!invoice) return res.sendStatus(404);
  res.json(invoice);
});

module.exports = app;
