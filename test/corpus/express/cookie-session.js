const express = require('express');
const cookieSession = require('cookie-session');
const { Product } = require('./models');

const app = express();
app.use(express.json());
app.use(
  cookieSession({
    name: 'cart',
    keys: [process.env.COOKIE_KEY_CURRENT, process.env.COOKIE_KEY_PREVIOUS],
    maxAge: 7 * 24 * 60 * 60 * 1000,
    sameSite: 'lax',
  })
);

// The cart lives in the signed cookie, so any instance can serve the next request.
app.post('/cart/items', async (req, res) => {
  const product = await Product.findByPk(req.body.productId);
  if (!product) return res.status(404).json({ error: 'unknown product' });

  const items = req.session.items || [];
  const existing = items.find((i) => i.productId === product.id);
  if (existing) {
    existing.qty += 1;
  } else {
    items.push({ productId: product.id, qty: 1 });
  }
  req.session.items = items.slice(0, 50);
  res.json({ items: req.session.items });
});

app.delete('/cart', (req, res) => {
  req.session.items = [];
  res.sendStatus(204);
});

app.get('/cart', (req, res) => {
  res.json({ items: req.session.items || [] });
});

module.exports = app;
