import Fastify from 'fastify';
import PQueue from 'p-queue';
import sharp from 'sharp';
import { getObject, putObject } from './storage.js';
import { db } from './db.js';

const app = Fastify({ logger: true });

// Keeps sharp from saturating the CPU when many uploads arrive at once.
const thumbnailQueue = new PQueue({ concurrency: 2, timeout: 30_000 });

async function renderThumbnail(userId: string, imageKey: string): Promise<void> {
  const original = await getObject(imageKey);
  const thumb = await sharp(original).resize(320, 320, { fit: 'cover' }).webp().toBuffer();
  const thumbKey = imageKey.replace(/\.\w+$/, '.thumb.webp');
  await putObject(thumbKey, thumb, 'image/webp');
  await db.image.update({ where: { key: imageKey }, data: { thumbKey, ownerId: userId } });
}

app.post<{ Body: { imageKey: string } }>('/images/thumbnails', async (request, reply) => {
  const userId = request.headers['x-user-id'] as string;
  thumbnailQueue
    .add(() => renderThumbnail(userId, request.body.imageKey))
    .catch((err) => app.log.error({ err, userId }, 'thumbnail failed'));
  return reply.code(202).send({ queued: thumbnailQueue.size + thumbnailQueue.pending });
});

app.get('/images/thumbnails/queue', async () => ({
  waiting: thumbnailQueue.size,
  running: thumbnailQueue.pending,
}));

export default app;
