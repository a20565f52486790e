import type { FastifyInstance } from "fastify";
import { LRUCache } from "lru-cache";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";

interface Profile {
  id: string;
  displayName: string;
  bio: string;
  avatarPath: string | null;
}

const UPLOAD_ROOT = join(process.cwd(), "uploads", "profiles");

const profileCache = new LRUCache<string, Profile>({
  max: 10_000,
  ttl: 10 * 60 * 1000,
});

export default async function profileRoutes(app: FastifyInstance) {
  app.get("/me", async (request) => {
    const cacheKey = `profile:${request.user.sub}`;
    const cached = profileCache.get(cacheKey);
    if (cached) return cached;
    const profile = await app.db.profiles.findById(request.user.sub);
    profileCache.set(cacheKey, profile);
    return profile;
  });

  app.patch("/me", async (request) => {
    const changes = request.body as Partial<Pick<Profile, "displayName" | "bio">>;
    const updated = await app.db.profiles.update(request.user.sub, changes);
    profileCache.delete(`profile:${request.user.sub}`);
    return updated;
  });

  app.put("/me/avatar", async (request, reply) => {
    const file = await request.file({ limits: { fileSize: 3_000_000 } });
    if (!file) {
      return reply.code(400).send({ error: "multipart field 'avatar' is missing" });
    }
    const name = `${randomUUID()}-${file.filename.replace(/[^\w.-]/g, "_")}`;
    await pipeline(file.file, createWriteStream(join(UPLOAD_ROOT, name)));

    const avatarPath = `/uploads/profiles/${name}`;
    await app.db.profiles.update(request.user.sub, { avatarPath });
    profileCache.delete(`profile:${request.user.sub}`);
    return reply.code(201).send({ avatarPath });
  });
}
