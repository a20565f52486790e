import express from 'express';
import multer from 'multer';
import multerS3 from 'multer-s3';
import { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { prisma } from './db.js';
import { requireAuth } from './middleware/auth.js';

const s3 = new S3Client({ region: process.env.AWS_REGION });

const upload = multer({
  storage: multerS3({
    s3,
    bucket: process.env.ATTACHMENTS_BUCKET!,
    contentType: multerS3.AUTO_CONTENT_TYPE,
    key: (req, file, cb) => cb(null, `attachments/${req.user!.id}/${randomUUID()}-${file.originalname}`),
  }),
  limits: { fileSize: 25 * 1024 * 1024 },
});

export const attachmentsRouter = express.Router();

attachmentsRouter.post('/messages/:id/attachments', requireAuth, upload.array('files', 5), async (req, res) => {
  const files = (req.files ?? []) as Express.MulterS3.File[];
  const rows = await prisma.attachment.createManyAndReturn({
    data: files.map((f) => ({ messageId: req.params.id, key: f.key, size: f.size, name: f.originalname })),
  });
  res.status(201).json(rows);
});
