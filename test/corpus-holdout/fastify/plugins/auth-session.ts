import fp from "fastify-plugin";
import fastifyCookie from "@fastify/cookie";
import fastifySession, { type FastifySessionOptions } from "@fastify/session";
import { RedisStore } from "connect-redis";
import { Redis } from "ioredis";
import type { FastifyInstance } from "fastify";

export interface AuthSessionOptions {
  secret: string;
  redisUrl?: string;
}

async function authSession(app: FastifyInstance, opts: AuthSessionOptions) {
  await app.register(fastifyCookie);

  const sessionOptions: FastifySessionOptions = {
    secret: opts.secret,
    cookieName: "sid",
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: "lax", maxAge: 12 * 60 * 60 * 1000 },
  };

  if (process.env.NODE_ENV === "production") {
    if (!opts.redisUrl) {
      throw new Error("redisUrl is required for sessions in production");
    }
    const redis = new Redis(opts.redisUrl);
    app.addHook("onClose", async () => {
      await redis.quit();
    });
    sessionOptions.store = new RedisStore({ client: redis, prefix: "sess:" });
    sessionOptions.cookie = { ...sessionOptions.cookie, secure: true };
  }

  await app.register(fastifySession, sessionOptions);

  app.addHook("preHandler", async (request, reply) => {
    if (request.routeOptions.config?.public) return;
    if (!request.session.get("userId")) {
      return reply.code(401).send({ error: "sign in required" });
    }
  });
}

export default fp(authSession, { name: "auth-session" });
