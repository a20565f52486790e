import type { Express } from "express";
import session from "express-session";
import { RedisStore } from "connect-redis";
import { createClient } from "redis";

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000;

export async function installSessions(app: Express): Promise<void> {
  const cookie = {
    httpOnly: true,
    sameSite: "lax" as const,
    maxAge: EIGHT_HOURS_MS,
  };

  if (process.env.NODE_ENV !== "production") {
    // Local runs skip Redis so that `npm run dev` works without Docker.
    app.use(
      session({
        secret: "local-dev-only",
        resave: false,
        saveUninitialized: false,
        store: new session.MemoryStore(),
        cookie,
      }),
    );
    return;
  }

  const secret = process.env.SESSION_SECRET;
  if (!secret) {
    throw new Error("SESSION_SECRET is required when NODE_ENV=production");
  }
  const client = createClient({ url: process.env.REDIS_URL });
  client.on("error", (err) => console.error("session redis error", err));
  await client.connect();

  app.set("trust proxy", 1);
  app.use(
    session({
      secret,
      resave: false,
      saveUninitialized: false,
      store: new RedisStore({ client, prefix: "admin:sess:" }),
      cookie: { ...cookie, secure: true },
    }),
  );
}
