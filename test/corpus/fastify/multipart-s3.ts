import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomUUID } from 'node:crypto';
import { db } from './db.js';

const s3 = new S3Client({});
const app = Fastify({ logger: true });
await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024 } });

// Streams the upload straight to S3 without touching local disk.
app.post<{ Params: { projectId: string } }>('/projects/:projectId/assets', async (request, reply) => {
  const part = await request.file();
  if (!part) return reply.code(400).send({ error: 'file is required' });
  const key = `projects/${request.params.projectId}/${randomUUID()}`;
  await new Upload({
    client: s3,
    params: { Bucket: process.env.ASSET_BUCKET!, Key: key, Body: part.file, ContentType: part.mimetype },
  }).done();
  const asset = await db.asset.create({ data: { projectId: request.params.projectId, key, name: part.filename } });
  return reply.code(201).send(asset);
});

export default app;
