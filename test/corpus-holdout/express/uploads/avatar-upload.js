const path = require('node:path');
const crypto = require('node:crypto');
const express = require('express');
const multer = require('multer');
const { db } = require('../db');

const AVATAR_DIR = path.join(__dirname, '..', 'public', 'avatars');
const ALLOWED_TYPES = /^image\/(png|jpeg|webp)$/;

const avatarStorage = multer.diskStorage({
  destination: (_req, _file, cb) => cb(null, AVATAR_DIR),
  filename: (req, file, cb) => {
    const ext = path.extname(file.originalname).toLowerCase();
    const suffix = crypto.randomBytes(6).toString('hex');
    cb(null, `${req.user.id}-${suffix}${ext}`);
  },
});

const upload = multer({
  storage: avatarStorage,
  limits: { fileSize: 2 * 1024 * 1024 },
  fileFilter: (_req, file, cb) => cb(null, ALLOWED_TYPES.test(file.mimetype)),
});

const router = express.Router();

router.use('/static/avatars', express.static(AVATAR_DIR, { maxAge: '7d' }));

router.put('/me/avatar', upload.single('avatar'), async (req, res, next) => {
  if (!req.file) {
    return res
      .status(400)
      .json({ error: 'avatar must be a png, jpeg or webp image under 2 MB' });
  }
  try {
    const url = `/static/avatars/${req.file.filename}`;
    await db.query('update users set avatar_url = $1 where id = $2', [
      url,
      req.user.id,
    ]);
    res.json({ avatarUrl: url });
  } catch (err) {
    next(err);
  }
});

router.delete('/me/avatar', async (req, res, next) => {
  try {
    await db.query('update users set avatar_url = null where id = $1', [
      req.user.id,
    ]);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
