const express = require('express');
const { LRUCache } = require('lru-cache');
const jwt = require('jsonwebtoken');
const { Product } = require('./models');
const { fetchSigningKey } = require('./jwks-client');

const app = express();

// Signing keys rotate rarely; the identity provider stays the source of truth.
const signingKeys = new LRUCache({ max: 20, ttl: 60 * 60 * 1000 });

// Public catalogue entries, identical for every visitor.
const productCache = new LRUCache({ max: 5000, ttl: 5 * 60 * 1000 });

async function getSigningKey(kid) {
  let key = signingKeys.get(kid);
  if (!key) {
    key = await fetchSigningKey(kid);
    signingKeys.set(kid, key);
  }
  return key;
}

app.use(async (req, res, next) => {
  const token = (req.get('authorization') || '').replace(/^Bearer /, '');
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) return res.sendStatus(401);
  try {
    req.user = jwt.verify(token, await getSigningKey(decoded.header.kid), { algorithms: ['RS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
});

app.get('/products/:sku', async (req, res) => {
  let product = productCache.get(req.params.sku);
  if (!product) {
    product = await Product.findOne({ where: { sku: req.params.sku, published: true } });
    if (!product) return res.sendStatus(404);
    productCache.set(req.params.sku, product.toJSON());
  }
  res.json(product);
});

module.exports = app;
