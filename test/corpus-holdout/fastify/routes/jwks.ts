import type { FastifyInstance } from "fastify";
import fastifyRateLimit from "@fastify/rate-limit";
import { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from "jose";

// Public signing keys of our issuer: shared by all users, refetched on a miss.
const signingKeys = new LRUCache<string, JWK>({ max: 50, ttl: 60 * 60 * 1000 });

async function loadSigningKey(issuer: string, kid: string): Promise<JWK> {
  const cacheKey = `${issuer}#${kid}`;
  const hit = signingKeys.get(cacheKey);
  if (hit) return hit;

  const response = await fetch(new URL("/.well-known/jwks.json", issuer));
  if (!response.ok) {
    throw new Error(`JWKS fetch from ${issuer} failed: HTTP ${response.status}`);
  }
  const { keys } = (await response.json()) as { keys: JWK[] };
  const key = keys.find((candidate) => candidate.kid === kid);
  if (!key) throw new Error(`key ${kid} not found in the JWKS of ${issuer}`);
  signingKeys.set(cacheKey, key);
  return key;
}

export default async function tokenAuth(app: FastifyInstance) {
  const issuer = process.env.TOKEN_ISSUER ?? "http://127.0.0.1:9000";

  await app.register(fastifyRateLimit, {
    max: 60,
    timeWindow: 60_000,
    nameSpace: "rl-auth:",
    redis: new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"),
  });

  app.decorateRequest("claims", null);
  app.addHook("onRequest", async (request, reply) => {
    const token = request.headers.authorization?.replace(/^Bearer /, "");
    if (!token) return reply.code(401).send({ error: "missing bearer token" });
    const { kid } = decodeProtectedHeader(token);
    const key = await loadSigningKey(issuer, kid ?? "");
    const { payload } = await jwtVerify(token, await importJWK(key, "RS256"), {
      issuer,
    });
    request.claims = payload;
  });

  const warnedSubjects = new Set<string>(); // structra-disable-line F-03/module-state-store -- log de-duplication only; losing it repeats one log line
  app.addHook("onResponse", async (request) => {
    const sub = request.claims?.sub;
    const exp = request.claims?.exp;
    if (!sub || !exp || warnedSubjects.has(sub)) return;
    if (exp * 1000 - Date.now() < 60_000) {
      warnedSubjects.add(sub);
      request.log.info({ sub }, "access token expires within a minute");
    }
  });
}
