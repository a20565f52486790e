import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { db } from './db.js';

const MEDIA_DIR = path.join(import.meta.dirname, '..', 'media');

const app = Fastify({ logger: true });
await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
await app.register(fastifyStatic, { root: MEDIA_DIR, prefix: '/media/' });

app.post<{ Params: { listingId: string } }>('/listings/:listingId/photos', async (request, reply) => {
  const data = await request.file();
  if (!data || !data.mimetype.startsWith('image/')) {
    return reply.code(400).send({ error: 'an image file is required' });
  }
  const fileName = `${randomUUID()}${path.extname(data.filename)}`;
  await pipeline(data.file, createWriteStream(path.join(MEDIA_DIR, fileName)));

  const photo = await db.photo.create({
    data: { listingId: request.params.listingId, url: `/media/${fileName}` },
  });
  return reply.code(201).send(photo);
});

await app.listen({ port: 3000 });
