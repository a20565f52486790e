import type { NextFunction, Request, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { createClient } from "redis";

const redis = createClient({ url: process.env.REDIS_URL });
redis.on("error", (err) => console.error("rate-limit redis error", err));
await redis.connect();

export const apiLimiter = rateLimit({
  windowMs: 60_000,
  limit: 300,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  store: new RedisStore({
    prefix: "rl:api:",
    sendCommand: (...args: string[]) => redis.sendCommand(args),
  }),
});

// Used only while Redis is unreachable, so an outage does not lift the limits.
const outageLimiter = new RateLimiterMemory({ points: 2, duration: 60 });

const exportLimiter = new RateLimiterRedis({
  storeClient: redis,
  useRedisPackage: true,
  keyPrefix: "rl:export",
  points: 5,
  duration: 60 * 60,
  inMemoryBlockOnConsumed: 10,
  insuranceLimiter: outageLimiter,
});

export async function limitExports(
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<void> {
  const viewer = res.locals.viewer as { id: string } | undefined;
  const key = viewer?.id ?? req.ip ?? "anonymous";
  try {
    await exportLimiter.consume(key);
    next();
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) {
      next(rejection);
      return;
    }
    const retrySeconds = Math.ceil(rejection.msBeforeNext / 1000);
    res.set("Retry-After", String(retrySeconds));
    res
      .status(429)
      .json({ error: `export limit reached, retry in ${retrySeconds}s` });
  }
}
