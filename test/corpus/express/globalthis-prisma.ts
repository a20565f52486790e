import express from 'express';
import { PrismaClient } from '@prisma/client';
import { requireAuth } from './middleware/auth.js';

declare global {
  // eslint-disable-next-line no-var
  var prisma: PrismaClient | undefined;
}

// Reuse one client across hot reloads in development.
globalThis.prisma ??= new PrismaClient({ log: ['warn', 'error'] });
const prisma = globalThis.prisma;

export const notesRouter = express.Router();

notesRouter.get('/notes', requireAuth, async (req, res) => {
  const notes = await prisma.note.findMany({
    where: { authorId: req.user!.id },
    orderBy: { updatedAt: 'desc' },
    take: 100,
  });
  res.json(notes);
});

notesRouter.post('/notes', requireAuth, async (req, res) => {
  const note = await prisma.note.create({
    data: { authorId: req.user!.id, title: String(req.body.title ?? ''), body: req.body.body },
  });
  res.status(201).json(note);
});

notesRouter.delete('/notes/:id', requireAuth, async (req, res) => {
  const { count } = await prisma.note.deleteMany({
    where: { id: req.params.id, authorId: req.user!.id },
  });
  res.sendStatus(count === 1 ? 204 : 404);
});
