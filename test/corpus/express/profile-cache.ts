import express from 'express';
import { LRUCache } from 'lru-cache';
import { prisma } from './db.js';
import { requireAuth } from './middleware/auth.js';

type Profile = { id: string; displayName: string; bio: string; followers: number };

const profileCache = new LRUCache<string, Profile>({ max: 10_000, ttl: 10 * 60 * 1000 });

export const meRouter = express.Router();

meRouter.get('/me/profile', requireAuth, async (req, res) => {
  const userId = req.user!.id;
  let profile = profileCache.get(userId);
  if (!profile) {
    const row = await prisma.profile.findUniqueOrThrow({
      where: { userId },
      include: { _count: { select: { followers: true } } },
    });
    profile = { id: userId, displayName: row.displayName, bio: row.bio, followers: row._count.followers };
    profileCache.set(userId, profile);
  }
  res.json(profile);
});

meRouter.patch('/me/profile', requireAuth, async (req, res) => {
  const userId = req.user!.id;
  await prisma.profile.update({
    where: { userId },
    data: { displayName: req.body.displayName, bio: req.body.bio },
  });
  profileCache.delete(userId);
  res.sendStatus(204);
});
