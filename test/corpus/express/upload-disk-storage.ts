import express, { type Request } from 'express';
import multer from 'multer';
import path from 'node:path';
import crypto from 'node:crypto';
import { prisma } from './db.js';
import { requireAuth } from './middleware/auth.js';

const AVATAR_DIR = path.resolve('public/avatars');
const ALLOWED = new Set(['image/png', 'image/jpeg', 'image/webp']);

const avatarStorage = multer.diskStorage({
  destination: (_req, _file, cb) => cb(null, AVATAR_DIR),
  filename: (_req, file, cb) => {
    const ext = path.extname(file.originalname).toLowerCase();
    cb(null, `${crypto.randomUUID()}${ext}`);
  },
});

const upload = multer({
  storage: avatarStorage,
  limits: { fileSize: 2 * 1024 * 1024 },
  fileFilter: (_req: Request, file, cb) => cb(null, ALLOWED.has(file.mimetype)),
});

export const profileRouter = express.Router();

profileRouter.post('/avatar', requireAuth, upload.single('avatar'), async (req, res) => {
  if (!req.file) {
    res.status(400).json({ error: 'avatar must be a png, jpeg or webp image' });
    return;
  }
  const user = await prisma.user.update({
    where: { id: req.user!.id },
    data: { avatarPath: `/avatars/${req.file.filename}` },
  });
  res.json({ avatar: user.avatarPath });
});
