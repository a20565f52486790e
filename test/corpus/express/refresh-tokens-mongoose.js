const express = require('express');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const User = require('./models/User');

const router = express.Router();
const MAX_DEVICES = 5;

function sha256(value) {
  return crypto.createHash('sha256').update(value).digest('hex');
}

router.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email }).select('+password');
  if (!user || !(await user.comparePassword(req.body.password))) {
    return res.status(401).json({ message: 'Invalid credentials' });
  }
  const refreshToken = crypto.randomBytes(48).toString('base64url');
  user.refreshTokens.push({ hash: sha256(refreshToken), createdAt: new Date() });
  if (user.refreshTokens.length > MAX_DEVICES) {
    user.refreshTokens.splice(0, user.refreshTokens.length - MAX_DEVICES);
  }
  await user.save();

  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '10m' });
  res.json({ accessToken, refreshToken });
});

router.post('/refresh', async (req, res) => {
  const hash = sha256(String(req.body.refreshToken || ''));
  const user = await User.findOne({ 'refreshTokens.hash': hash });
  if (!user) return res.status(401).json({ message: 'Unknown refresh token' });

  // Rotate: the presented token is single use.
  const next = crypto.randomBytes(48).toString('base64url');
  user.refreshTokens = user.refreshTokens.filter((t) => t.hash !== hash);
  user.refreshTokens.push({ hash: sha256(next), createdAt: new Date() });
  await user.save();

  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '10m' });
  res.json({ accessToken, refreshToken: next });
});

router.post('/logout', async (req, res) => {
  const hash = sha256(String(req.body.refreshToken || ''));
  await User.updateOne({ 'refreshTokens.hash': hash }, { $pull: { refreshTokens: { hash } } });
  res.sendStatus(204);
});

module.exports = router;
