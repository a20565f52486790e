import { describe, expect, it } from "vitest";

import { memoryRateLimit } from "../../src/detectors/memory-rate-limit.js";
import { analyze } from "../../src/engine/analyze.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("memory-rate-limit", () => {
  describeDetectorCases(memoryRateLimit, {
    valid: [
      {
        name: "express-rate-limit with rate-limit-redis",
        code: `import { rateLimit } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
app.use(rateLimit({ limit: 100, store: new RedisStore({ sendCommand: (...args) => client.sendCommand(args) }) }));`,
      },
      {
        name: "store held in a variable",
        code: `const rateLimit = require("express-rate-limit");
const RedisStore = require("rate-limit-redis");
const store = new RedisStore({ client });
const limiter = rateLimit({ windowMs: 60000, max: 10, store });
app.use("/login", limiter);`,
      },
      {
        name: "options imported from another module",
        code: `import rateLimit from "express-rate-limit";
import { limiterOptions } from "./config.js";
app.use(rateLimit(limiterOptions));`,
      },
      {
        name: "a local function named rateLimit",
        code: `function rateLimit(options) { return (req, res, next) => next(); }
app.use("/login", rateLimit({ max: 5 }));`,
      },
      {
        name: "memory limiter as inline insurance",
        code: `const { RateLimiterRedis, RateLimiterMemory } = require("rate-limiter-flexible");
const limiter = new RateLimiterRedis({
  storeClient: redisClient,
  points: 5,
  insuranceLimiter: new RateLimiterMemory({ points: 1, duration: 1 }),
});
app.post("/login", async (req, res) => {
  await limiter.consume(req.ip);
});`,
      },
      {
        name: "memory limiter passed as insurance by name",
        code: `import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
const insuranceLimiter = new RateLimiterMemory({ points: 5, duration: 60 });
const limiter = new RateLimiterRedis({ storeClient: redis, insuranceLimiter });
app.use(async (req, res, next) => {
  await limiter.consume(req.ip);
  next();
});`,
      },
      {
        name: "memory limiter never consumed",
        code: `import { RateLimiterMemory } from "rate-limiter-flexible";
export const unused = new RateLimiterMemory({ points: 5 });`,
      },
      {
        name: "redis limiter with an in-memory block",
        code: `import { RateLimiterRedis } from "rate-limiter-flexible";
const limiter = new RateLimiterRedis({ storeClient: redis, inMemoryBlockOnConsumed: 10 });
app.post("/login", async (req, res) => {
  await limiter.consume(req.ip);
});`,
      },
      {
        name: "fastify rate limit with redis",
        path: "src/app.ts",
        code: `import rateLimit from "@fastify/rate-limit";
import Redis from "ioredis";
await fastify.register(rateLimit, { max: 100, redis: new Redis(process.env.REDIS_URL) });`,
      },
      {
        name: "fastify rate limit with a decorated client",
        code: `await fastify.register(require("@fastify/rate-limit"), { max: 100, redis: fastify.redis });`,
      },
      {
        name: "throttler with redis storage",
        path: "src/app.module.ts",
        code: `import { Module } from "@nestjs/common";
import { ThrottlerModule } from "@nestjs/throttler";
import { ThrottlerStorageRedisService } from "@nest-lab/throttler-storage-redis";
@Module({
  imports: [
    ThrottlerModule.forRoot({
      throttlers: [{ ttl: 60000, limit: 10 }],
      storage: new ThrottlerStorageRedisService(redis),
    }),
  ],
})
export class AppModule {}`,
      },
      {
        name: "throttler factory returning a storage",
        path: "src/app.module.ts",
        code: `import { ThrottlerModule } from "@nestjs/throttler";
export const throttler = ThrottlerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => ({
    throttlers: [{ ttl: 60000, limit: 10 }],
    storage: new ThrottlerStorageRedisService(config.get("REDIS_URL")),
  }),
});`,
      },
      {
        name: "throttler options from a class",
        path: "src/app.module.ts",
        code: `import { ThrottlerModule } from "@nestjs/throttler";
export const throttler = ThrottlerModule.forRootAsync({ useClass: ThrottlerConfigService });`,
      },
      {
        name: "slow-down with a redis store",
        code: `const { slowDown } = require("express-slow-down");
const { RedisStore } = require("rate-limit-redis");
app.use(slowDown({ delayAfter: 5, store: new RedisStore({ sendCommand }) }));`,
      },
      {
        name: "test file is not analysed",
        path: "test/limits.test.js",
        code: `const rateLimit = require("express-rate-limit");
app.use(rateLimit({ max: 5 }));`,
      },
    ],
    invalid: [
      {
        name: "express-rate-limit without a store",
        code: `const express = require("express");
const rateLimit = require("express-rate-limit");
const app = express();
const limiter = rateLimit({ windowMs: 15 * 60 * 1000, max: 100 });
app.use(limiter);`,
        findings: [
          {
            line: 4,
            column: 17,
            severity: "medium",
            message: "`limiter`, an express-rate-limit limiter, has no `store`",
          },
        ],
      },
      {
        name: "named import mounted on a login route",
        path: "src/routes/auth.ts",
        code: `import { rateLimit } from "express-rate-limit";
const limiter = rateLimit({ windowMs: 60_000, limit: 5 });
router.post("/login", limiter, login);`,
        findings: [
          {
            line: 2,
            column: 17,
            severity: "high",
            message: "It guards POST /login",
          },
        ],
      },
      {
        name: "inline limiter under an auth prefix",
        code: `const rateLimit = require("express-rate-limit");
app.use("/api/auth", rateLimit({ max: 20 }), authRouter);`,
        findings: [
          { line: 2, column: 22, severity: "high", message: "/api/auth" },
        ],
      },
      {
        name: "limiter in a route array",
        code: `import rateLimit from "express-rate-limit";
const limit = rateLimit({ max: 3 });
router.route("/password/reset").post([limit, validate], resetPassword);`,
        findings: [{ line: 2, column: 15, severity: "high" }],
      },
      {
        name: "explicit MemoryStore",
        code: `import { rateLimit, MemoryStore } from "express-rate-limit";
app.use(rateLimit({ max: 100, store: new MemoryStore() }));`,
        findings: [
          {
            line: 2,
            column: 9,
            severity: "medium",
            message: "express-rate-limit's MemoryStore",
          },
        ],
      },
      {
        name: "cluster memory store shares one host only",
        code: `import { rateLimit } from "express-rate-limit";
import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
app.use(rateLimit({ max: 100, store: new ClusterMemoryStoreWorker() }));`,
        findings: [{ line: 3, column: 9, message: "one host" }],
      },
      {
        name: "store only in production is informational",
        code: `import { rateLimit } from "express-rate-limit";
app.use(rateLimit({ max: 100, store: isProduction ? redisStore : undefined }));`,
        findings: [{ line: 2, column: 9, severity: "info" }],
      },
      {
        name: "slow-down without a store",
        code: `import slowDown from "express-slow-down";
app.use(slowDown({ windowMs: 60000, delayAfter: 50, delayMs: () => 500 }));`,
        findings: [{ line: 2, column: 9, severity: "medium" }],
      },
      {
        name: "limiter name says auth",
        code: `import rateLimit from "express-rate-limit";
export const authLimiter = rateLimit({ max: 5 });`,
        findings: [{ line: 2, column: 28, severity: "high" }],
      },
      {
        name: "counting only failed requests",
        code: `import rateLimit from "express-rate-limit";
export const strict = rateLimit({ max: 5, skipSuccessfulRequests: true });`,
        findings: [
          {
            line: 2,
            column: 23,
            severity: "high",
            message: "counts only failed requests",
          },
        ],
      },
      {
        name: "exported limiter mounted on login elsewhere",
        path: "src/middleware/limits.js",
        files: {
          "src/routes/auth.js": `const { strict } = require("../middleware/limits");
router.post("/login", strict, (req, res) => res.json({}));`,
        },
        code: `const rateLimit = require("express-rate-limit");
const strict = rateLimit({ max: 5 });
module.exports = { strict };`,
        findings: [{ line: 2, column: 16, severity: "high" }],
      },
      {
        name: "memory limiter consumed in middleware",
        code: `const { RateLimiterMemory } = require("rate-limiter-flexible");
const rateLimiter = new RateLimiterMemory({ points: 10, duration: 1 });
const rateLimiterMiddleware = (req, res, next) => {
  rateLimiter
    .consume(req.ip)
    .then(() => next())
    .catch(() => res.status(429).send("Too Many Requests"));
};
app.use(rateLimiterMiddleware);`,
        findings: [
          {
            line: 2,
            column: 21,
            severity: "medium",
            message: "consumed from `rateLimiterMiddleware`",
          },
        ],
      },
      {
        name: "memory limiter on the login handler",
        code: `import { RateLimiterMemory } from "rate-limiter-flexible";
const limiter = new RateLimiterMemory({ points: 5, duration: 900 });
app.post("/login", async (req, res) => {
  try {
    await limiter.consume(req.body.email);
  } catch {
    return res.status(429).end();
  }
});`,
        findings: [
          {
            line: 2,
            column: 17,
            severity: "high",
            message: "consumed from the POST /login handler",
          },
        ],
      },
      {
        name: "deep import of the memory limiter",
        code: `const RateLimiterMemory = require("rate-limiter-flexible/lib/RateLimiterMemory");
const opts = { points: 6, duration: 1 };
const limiter = new RateLimiterMemory(opts);
app.get("/api/items", async (req, res) => {
  await limiter.consume(req.ip, 2);
  res.json([]);
});`,
        findings: [{ line: 3, column: 17, severity: "medium" }],
      },
      {
        name: "cluster limiter consumed per request",
        code: `const { RateLimiterCluster } = require("rate-limiter-flexible");
const limiter = new RateLimiterCluster({ keyPrefix: "api", points: 100, duration: 1 });
app.use((req, res, next) => limiter.consume(req.ip).then(() => next()));`,
        findings: [{ line: 2, column: 17, message: "one host" }],
      },
      {
        name: "memory limiter in a Nest guard",
        path: "src/auth/login-throttle.guard.ts",
        code: `import { CanActivate, ExecutionContext, Injectable } from "@nestjs/common";
import { RateLimiterMemory } from "rate-limiter-flexible";

@Injectable()
export class LoginThrottleGuard implements CanActivate {
  private readonly limiter = new RateLimiterMemory({ points: 5, duration: 60 });

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    await this.limiter.consume(request.ip);
    return true;
  }
}`,
        findings: [{ line: 6, column: 30, severity: "high" }],
      },
      {
        name: "memory limiter behind a queue",
        code: `const { RateLimiterMemory, RateLimiterQueue } = require("rate-limiter-flexible");
const limiter = new RateLimiterMemory({ points: 2, duration: 1 });
const queue = new RateLimiterQueue(limiter, { maxQueueSize: 100 });
app.get("/search", async (req, res) => {
  await queue.removeTokens(1);
  res.json([]);
});`,
        findings: [{ line: 2, column: 17 }],
      },
      {
        name: "exported memory limiter consumed in another file",
        path: "src/limiters.ts",
        files: {
          "src/routes/otp.ts": `import { otpLimiter } from "../limiters.js";
router.post("/otp/verify", async (req, res) => {
  await otpLimiter.consume(req.body.phone);
  res.json({ ok: true });
});`,
        },
        code: `import { RateLimiterMemory } from "rate-limiter-flexible";
export const otpLimiter = new RateLimiterMemory({ points: 3, duration: 300 });`,
        findings: [
          {
            line: 2,
            column: 27,
            severity: "high",
            message: "POST /otp/verify",
          },
        ],
      },
      {
        name: "fastify rate limit without options",
        path: "src/app.ts",
        code: `import Fastify from "fastify";
import rateLimit from "@fastify/rate-limit";
const fastify = Fastify();
await fastify.register(rateLimit);`,
        findings: [{ line: 4, column: 7, severity: "medium" }],
      },
      {
        name: "fastify rate limit with a stricter login route",
        code: `const fastify = require("fastify")();
fastify.register(require("@fastify/rate-limit"), { max: 100, timeWindow: "1 minute" });
fastify.post("/login", { config: { rateLimit: { max: 5 } } }, login);`,
        findings: [{ line: 2, column: 1, severity: "high", message: "/login" }],
      },
      {
        name: "legacy fastify-rate-limit through a dynamic import",
        code: `fastify.register(import("fastify-rate-limit"), { global: false, max: 3 });`,
        findings: [{ line: 1, column: 1 }],
      },
      {
        name: "throttler array form",
        path: "src/app.module.ts",
        code: `import { Module } from "@nestjs/common";
import { ThrottlerModule } from "@nestjs/throttler";
@Module({
  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])],
})
export class AppModule {}`,
        findings: [
          {
            line: 4,
            column: 13,
            severity: "medium",
            message: "without `storage`",
          },
        ],
      },
      {
        name: "throttler factory without storage",
        path: "src/app.module.ts",
        code: `import { ThrottlerModule } from "@nestjs/throttler";
export const throttler = ThrottlerModule.forRootAsync({
  inject: [ConfigService],
  useFactory(config: ConfigService) {
    return { throttlers: [{ ttl: config.get("TTL"), limit: 10 }] };
  },
});`,
        findings: [{ line: 2, column: 26 }],
      },
      {
        name: "throttler with its memory storage",
        path: "src/app.module.ts",
        code: `import { ThrottlerModule, ThrottlerStorageService } from "@nestjs/throttler";
export const throttler = ThrottlerModule.forRoot({
  throttlers: [{ ttl: 60000, limit: 10 }],
  storage: new ThrottlerStorageService(),
});`,
        findings: [{ line: 2, column: 26, message: "ThrottlerStorageService" }],
      },
      {
        name: "throttler while a login endpoint sets its own limit",
        path: "src/app.module.ts",
        files: {
          "src/auth/auth.controller.ts": `import { Controller, Post } from "@nestjs/common";
import { Throttle } from "@nestjs/throttler";
@Controller("auth")
export class AuthController {
  @Throttle({ default: { limit: 3, ttl: 60000 } })
  @Post("login")
  login() {}
}`,
        },
        code: `import { ThrottlerModule } from "@nestjs/throttler";
export const throttler = ThrottlerModule.forRoot([{ ttl: 60000, limit: 100 }]);`,
        findings: [
          {
            line: 2,
            column: 26,
            severity: "high",
            message: "POST /auth/login",
          },
        ],
      },
    ],
  });

  it("suggests a Redis store for a multi-line options literal", () => {
    const [finding] = runDetector(memoryRateLimit, {
      name: "suggestion",
      code: `import { rateLimit } from "express-rate-limit";
export const limiter = rateLimit({
  windowMs: 60_000,
  limit: 100,
});`,
    });
    expect(finding?.suggestion).toEqual({
      startLine: 3,
      endLine: 3,
      replacement:
        "  store: new RedisStore({ sendCommand: (...args) => redisClient.sendCommand(args) }),\n  windowMs: 60_000,",
    });
  });

  it("suggests RateLimiterRedis for a multi-line memory limiter", () => {
    const [finding] = runDetector(memoryRateLimit, {
      name: "flexible suggestion",
      code: `import { RateLimiterMemory } from "rate-limiter-flexible";
const limiter = new RateLimiterMemory({
  points: 10,
  duration: 1,
});
app.use((req, res, next) => limiter.consume(req.ip).then(() => next()));`,
    });
    expect(finding?.suggestion).toEqual({
      startLine: 2,
      endLine: 3,
      replacement:
        "const limiter = new RateLimiterRedis({\n  storeClient: redisClient,\n  points: 10,",
    });
  });

  it("suggests a Redis storage for the throttler", () => {
    const [finding] = runDetector(memoryRateLimit, {
      name: "throttler suggestion",
      path: "src/app.module.ts",
      code: `import { ThrottlerModule } from "@nestjs/throttler";
export const throttler = ThrottlerModule.forRoot({
  throttlers: [{ ttl: 60000, limit: 10 }],
});`,
    });
    expect(finding?.suggestion).toEqual({
      startLine: 3,
      endLine: 3,
      replacement:
        "  storage: new ThrottlerStorageRedisService(redis),\n  throttlers: [{ ttl: 60000, limit: 10 }],",
    });
  });

  it("moves to a changed consume line in a review", () => {
    const result = analyze(
      [
        {
          path: "src/server.js",
          text: `import { RateLimiterMemory } from "rate-limiter-flexible";
const limiter = new RateLimiterMemory({ points: 10 });
app.use(async (req, res, next) => {
  await limiter.consume(req.ip);
  next();
});`,
        },
      ],
      {
        detectors: [memoryRateLimit],
        changedLines: new Map([["src/server.js", new Set([4])]]),
      },
    );
    expect(result.findings.map((finding) => finding.line)).toEqual([4]);
  });
});
