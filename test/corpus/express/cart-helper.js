const express = require('express');
const { Product } = require('./models');
const { requireUser } = require('./middleware/auth');

const router = express.Router();
const carts = new Map();

function addToCart(userId, productId, quantity) {
  const cart = carts.get(userId) || [];
  const line = cart.find((l) => l.productId === productId);
  if (line) {
    line.quantity += quantity;
  } else {
    cart.push({ productId, quantity });
  }
  carts.set(userId, cart);
  return cart;
}

async function priceCart(cart) {
  const products = await Product.findAll({ where: { id: cart.map((l) => l.productId) } });
  const byId = new Map(products.map((p) => [p.id, p]));
  return cart.reduce((sum, l) => sum + byId.get(l.productId).priceCents * l.quantity, 0);
}

router.post('/cart/items', requireUser, async (req, res) => {
  const quantity = Math.max(1, Number(req.body.quantity) || 1);
  const cart = addToCart(req.user.id, req.body.productId, quantity);
  res.json({ lines: cart, totalCents: await priceCart(cart) });
});

router.get('/cart', requireUser, async (req, res) => {
  const cart = carts.get(req.user.id) || [];
  res.json({ lines: cart, totalCents: await priceCart(cart) });
});

router.post('/cart/checkout', requireUser, async (req, res) => {
  const cart = carts.get(req.user.id);
  if (!cart || cart.length === 0) return res.status(409).json({ error: 'cart is empty' });
  carts.delete(req.user.id);
  res.status(202).json({ totalCents: await priceCart(cart) });
});

module.exports = router;
