import express from 'express';
import multer from 'multer';
import crypto from 'node:crypto';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { prisma } from './db.js';
import { requireAuth } from './middleware/auth.js';

const s3 = new S3Client({ region: process.env.AWS_REGION });
const BUCKET = process.env.UPLOAD_BUCKET!;

// Files are buffered in memory only long enough to forward them to S3.
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 5 * 1024 * 1024 },
});

export const documentsRouter = express.Router();

documentsRouter.post('/', requireAuth, upload.single('document'), async (req, res, next) => {
  try {
    if (!req.file) {
      res.status(400).json({ error: 'document is required' });
      return;
    }
    const key = `documents/${req.user!.id}/${crypto.randomUUID()}`;
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: req.file.buffer,
        ContentType: req.file.mimetype,
      }),
    );
    const doc = await prisma.document.create({
      data: { ownerId: req.user!.id, s3Key: key, name: req.file.originalname },
    });
    res.status(201).json(doc);
  } catch (err) {
    next(err);
  }
});
