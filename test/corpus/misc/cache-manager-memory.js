const express = require('express');
const cacheManager = require('cache-manager');
const crypto = require('crypto');
const { Accounts } = require('./accounts');

const router = express.Router();
const invitesCache = cacheManager.caching('memory', { max: 10000, ttl: 48 * 3600 * 1000 });

router.post('/teams/:teamId/invites', async (req, res) => {
  const cache = await invitesCache;
  const token = crypto.randomBytes(20).toString('hex');
  await cache.set(`invite:${token}`, {
    teamId: req.params.teamId,
    email: req.body.email,
    invitedBy: req.user.id,
  });
  res.status(201).json({ link: `${process.env.APP_URL}/join/${token}` });
});

router.post('/join/:token', async (req, res) => {
  const cache = await invitesCache;
  const invite = await cache.get(`invite:${req.params.token}`);
  if (!invite) return res.status(410).json({ error: 'invite expired' });
  await Accounts.addMember(invite.teamId, req.user.id);
  await cache.del(`invite:${req.params.token}`);
  res.sendStatus(204);
});

module.exports = router;
