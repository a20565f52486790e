import { describe, expect, it } from "vitest";

import { memoryCache } from "../../src/detectors/memory-cache.js";
import { analyze } from "../../src/engine/analyze.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("memory-cache", () => {
  describeDetectorCases(memoryCache, {
    valid: [
      {
        name: "configuration cache with a literal key",
        code: `import { LRUCache } from "lru-cache";
const cache = new LRUCache({ max: 10, ttl: 60_000 });
app.get("/config", async (req, res) => {
  let config = cache.get("config");
  if (!config) {
    config = await db.config.findFirst();
    cache.set("config", config);
  }
  res.json(config);
});`,
      },
      {
        name: "JWKS keys by key id",
        code: `const NodeCache = require("node-cache");
const keys = new NodeCache({ stdTTL: 3600 });
async function getSigningKey(kid) {
  const cached = keys.get(kid);
  if (cached) return cached;
  const key = await jwksClient.getSigningKey(kid);
  keys.set(kid, key);
  return key;
}
app.use(async (req, res, next) => {
  req.key = await getSigningKey(req.headers.kid);
  next();
});`,
      },
      {
        name: "product cache keyed by a route id",
        code: `import QuickLRU from "quick-lru";
const products = new QuickLRU({ maxSize: 1000 });
app.get("/products/:id", async (req, res) => {
  const product = products.get(req.params.id) ?? (await Product.findById(req.params.id));
  products.set(req.params.id, product);
  res.json(product);
});`,
      },
      {
        name: "users loaded once at start-up",
        code: `import NodeCache from "node-cache";
const users = new NodeCache();
for (const user of await User.find()) users.set(user.email, user);
app.get("/users/:email", (req, res) => res.json(users.get(req.params.email) ?? null));`,
      },
      {
        name: "Keyv on Redis by URI",
        code: `import Keyv from "keyv";
const keyv = new Keyv("redis://localhost:6379");
app.post("/cart", async (req, res) => {
  await keyv.set(\`cart:\${req.user.id}\`, req.body.items);
  res.sendStatus(204);
});`,
      },
      {
        name: "Keyv with a Redis adapter",
        code: `import Keyv from "keyv";
import KeyvRedis from "@keyv/redis";
const sessions = new Keyv({ store: new KeyvRedis(process.env.REDIS_URL) });
app.post("/login", async (req, res) => {
  await sessions.set(crypto.randomUUID(), req.body.email);
});`,
      },
      {
        name: "cache-manager with a Redis store",
        code: `import { createCache } from "cache-manager";
import { Keyv } from "keyv";
import KeyvRedis from "@keyv/redis";
const cache = createCache({ stores: [new Keyv({ store: new KeyvRedis(url) })] });
app.post("/otp", async (req, res) => {
  await cache.set(\`otp:\${req.body.email}\`, generateOtp(), 300_000);
});`,
      },
      {
        name: "cache built inside the handler",
        code: `import { LRUCache } from "lru-cache";
app.post("/import", async (req, res) => {
  const seen = new LRUCache({ max: 100 });
  for (const row of req.body.rows) seen.set(req.user.id + row.id, true);
  res.json({ ok: true });
});`,
      },
      {
        name: "Nest cache manager with shared keys only",
        path: "src/app.module.ts",
        files: {
          "src/products/products.service.ts": `import { Inject, Injectable } from "@nestjs/common";
import { CACHE_MANAGER } from "@nestjs/cache-manager";
@Injectable()
export class ProductsService {
  constructor(@Inject(CACHE_MANAGER) private cacheManager: Cache, private repo: Repo) {}
  async findAll() {
    const cached = await this.cacheManager.get("products:all");
    if (cached) return cached;
    const products = await this.repo.find();
    await this.cacheManager.set("products:all", products);
    return products;
  }
}`,
        },
        code: `import { Module } from "@nestjs/common";
import { CacheModule } from "@nestjs/cache-manager";
@Module({ imports: [CacheModule.register({ ttl: 5000 })] })
export class AppModule {}`,
      },
      {
        name: "a local class called LRUCache",
        code: `class LRUCache { set() {} }
const sessions = new LRUCache();
app.post("/login", (req, res) => sessions.set(req.body.email, crypto.randomUUID()));`,
      },
      {
        name: "Apollo cache handed to the server",
        code: `import { ApolloServer } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
const server = new ApolloServer({ typeDefs, resolvers, cache: new InMemoryLRUCache() });`,
      },
      {
        name: "verified tokens cached by token",
        code: `import { LRUCache } from "lru-cache";
const verified = new LRUCache({ max: 10_000, ttl: 60_000 });
app.use((req, res, next) => {
  const token = req.headers.authorization?.slice(7);
  let claims = verified.get(token);
  if (!claims) {
    claims = jwt.verify(token, publicKey);
    verified.set(token, claims);
  }
  req.claims = claims;
  next();
});`,
      },
      {
        name: "geo data looked up by client address",
        code: `import NodeCache from "node-cache";
const geo = new NodeCache({ stdTTL: 86400 });
app.use(async (req, res, next) => {
  let location = geo.get(req.ip);
  if (!location) {
    location = await lookupCountry(req.ip);
    geo.set(req.ip, location);
  }
  res.locals.country = location;
  next();
});`,
      },
      {
        name: "test file is not analysed",
        path: "src/__tests__/cache.js",
        code: `const NodeCache = require("node-cache");
const otp = new NodeCache();
app.post("/otp", (req, res) => otp.set(req.body.email, "123456"));`,
      },
    ],
    invalid: [
      {
        name: "cache-manager v5 reached through an awaited alias",
        code: `const cacheManager = require("cache-manager");
const crypto = require("crypto");
const invites = cacheManager.caching("memory", { max: 1000 });
router.post("/invites", async (req, res) => {
  const cache = await invites;
  const token = crypto.randomBytes(20).toString("hex");
  await cache.set(\`invite:\${token}\`, { email: req.body.email, invitedBy: req.user.id });
  res.json({ token });
});
router.post("/join/:token", async (req, res) => {
  const cache = await invites;
  const invite = await cache.get(\`invite:\${req.params.token}\`);
  if (!invite) return res.status(410).end();
  res.sendStatus(204);
});`,
        findings: [{ line: 3, column: 17, severity: "high" }],
      },
      {
        name: "node-cache holding OTP codes",
        code: `const express = require("express");
const NodeCache = require("node-cache");
const otpCache = new NodeCache({ stdTTL: 300 });
app.post("/otp/send", async (req, res) => {
  const { email } = req.body;
  const otp = Math.floor(100000 + Math.random() * 900000).toString();
  otpCache.set(email, otp);
  await mailer.sendMail({ to: email, text: otp });
  res.sendStatus(204);
});
app.post("/otp/verify", (req, res) => {
  if (otpCache.get(req.body.email) !== req.body.otp) {
    return res.status(400).json({ error: "Invalid or expired code" });
  }
  res.json({ ok: true });
});`,
        findings: [
          {
            line: 3,
            column: 18,
            severity: "high",
            message:
              "`otpCache` is an in-process cache (node-cache), written from the POST /otp/send handler",
          },
        ],
      },
      {
        name: "lru-cache of sessions under a generated token",
        path: "src/auth.ts",
        code: `import { LRUCache } from "lru-cache";
const sessions = new LRUCache<string, { userId: string }>({ max: 10_000, ttl: 3_600_000 });
export async function login(req: Request, res: Response) {
  const user = await User.findOne({ email: req.body.email });
  const token = crypto.randomUUID();
  sessions.set(token, { userId: user.id });
  res.cookie("sid", token).json({ ok: true });
}`,
        findings: [{ line: 2, column: 18, severity: "high" }],
      },
      {
        name: "memory-cache module with reset tokens",
        code: `const cache = require("memory-cache");
router.post("/forgot-password", async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  const token = crypto.randomBytes(32).toString("hex");
  cache.put(\`reset:\${token}\`, user.email, 60 * 60 * 1000);
  await sendResetMail(user.email, token);
  res.sendStatus(204);
});`,
        findings: [
          {
            line: 1,
            column: 15,
            severity: "high",
            message: "(memory-cache)",
          },
        ],
      },
      {
        name: "default Keyv holding carts",
        code: `import Keyv from "keyv";
const carts = new Keyv({ namespace: "cart" });
app.post("/cart", async (req, res) => {
  await carts.set(\`cart:\${req.user.id}\`, req.body.items);
  res.sendStatus(204);
});`,
        findings: [{ line: 2, column: 15, severity: "high" }],
      },
      {
        name: "per-user profile copies are low",
        code: `import { LRUCache } from "lru-cache";
const profileCache = new LRUCache({ max: 5000, ttl: 60_000 });
app.get("/me", async (req, res) => {
  const cached = profileCache.get(req.user.id);
  if (cached) return res.json(cached);
  const profile = await db.profile.findUnique({ where: { userId: req.user.id } });
  profileCache.set(req.user.id, profile);
  res.json(profile);
});`,
        findings: [
          {
            line: 2,
            column: 22,
            severity: "low",
            message: "keeps per-user copies of stored data",
          },
        ],
      },
      {
        name: "miss answered with not found",
        code: `import NodeCache from "node-cache";
const userCache = new NodeCache();
app.post("/signup", async (req, res) => {
  const user = await User.create(req.body);
  userCache.set(user.id, user);
  res.status(201).json(user);
});
app.get("/me", (req, res) => {
  const user = userCache.get(req.user.id);
  if (!user) return res.status(404).json({ error: "User not found" });
  res.json(user);
});`,
        findings: [
          {
            line: 2,
            column: 19,
            severity: "high",
            message: "responds to a miss for a per-user key with a rejection",
          },
        ],
      },
      {
        name: "cache-manager 5 memory store as a deny-list",
        code: `import { caching } from "cache-manager";
const memoryCache = await caching("memory", { max: 10_000, ttl: 3_600_000 });
app.post("/logout", async (req, res) => {
  const payload = jwt.verify(req.headers.authorization, secret);
  await memoryCache.set(\`revoked:\${payload.jti}\`, true);
  res.sendStatus(204);
});`,
        findings: [{ line: 2, column: 27, severity: "high" }],
      },
      {
        name: "cache-manager 6 without stores",
        code: `import { createCache } from "cache-manager";
const codes = createCache({ ttl: 600_000 });
app.post("/verify-email/send", async (req, res) => {
  await codes.set(\`verify:\${req.user.id}\`, generateCode());
  res.sendStatus(204);
});`,
        findings: [{ line: 2, column: 15, severity: "high" }],
      },
      {
        name: "Nest CacheModule holding OTP codes",
        path: "src/app.module.ts",
        files: {
          "src/auth/otp.service.ts": `import { Inject, Injectable } from "@nestjs/common";
import { CACHE_MANAGER } from "@nestjs/cache-manager";
import type { Cache } from "cache-manager";
@Injectable()
export class OtpService {
  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}
  async send(email: string) {
    const code = randomInt(100000, 999999).toString();
    await this.cache.set(\`otp:\${email}\`, code, 300_000);
    return code;
  }
}`,
        },
        code: `import { Module } from "@nestjs/common";
import { CacheModule } from "@nestjs/cache-manager";
@Module({
  imports: [CacheModule.register({ isGlobal: true })],
})
export class AppModule {}`,
        findings: [
          {
            line: 4,
            column: 13,
            severity: "high",
            message: "The Nest cache manager is an in-process cache",
          },
        ],
      },
      {
        name: "cart field of a Nest service",
        path: "src/cart/cart.service.ts",
        code: `import { Injectable } from "@nestjs/common";
import { LRUCache } from "lru-cache";
@Injectable()
export class CartService {
  private readonly carts = new LRUCache<string, Item[]>({ max: 1000 });
  addItem(userId: string, item: Item) {
    const cart = this.carts.get(userId) ?? [];
    cart.push(item);
    this.carts.set(userId, cart);
    return cart;
  }
}`,
        findings: [{ line: 5, column: 28, severity: "high" }],
      },
      {
        name: "exported cache written in a route file",
        path: "src/cache.js",
        files: {
          "src/routes/cart.js": `const cache = require("../cache");
router.post("/cart", (req, res) => {
  cache.set(req.user.id, req.body.items);
  res.sendStatus(204);
});`,
        },
        code: `const NodeCache = require("node-cache");
module.exports = new NodeCache({ stdTTL: 600 });`,
        findings: [{ line: 2, column: 18, severity: "high" }],
      },
      {
        name: "old lru-cache called as a function",
        code: `const LRU = require("lru-cache");
const tokens = LRU({ max: 500 });
app.post("/token", (req, res) => {
  const token = jwt.sign({ sub: req.user.id }, secret);
  tokens.set(token, req.user.id);
  res.json({ token });
});`,
        findings: [{ line: 2, column: 16, severity: "high" }],
      },
      {
        name: "Apollo cache used as a session store",
        path: "src/graphql/context.ts",
        code: `import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
const sessionStore = new InMemoryLRUCache<string>();
export const resolvers = {
  Mutation: {
    async login(_: unknown, args: { email: string }, ctx: Context) {
      const sid = crypto.randomUUID();
      await sessionStore.set(\`session:\${sid}\`, args.email, { ttl: 3600 });
      return sid;
    },
  },
};`,
        findings: [{ line: 2, column: 22, severity: "high" }],
      },
      {
        name: "failed logins counted by address",
        code: `import NodeCache from "node-cache";
const failures = new NodeCache({ stdTTL: 900 });
app.post("/login", async (req, res) => {
  const ok = await checkPassword(req.body.email, req.body.password);
  if (!ok) {
    failures.set(req.ip, (failures.get(req.ip) ?? 0) + 1);
    return res.status(401).end();
  }
  res.json({ ok: true });
});`,
        findings: [{ line: 2, column: 18, severity: "high" }],
      },
      {
        name: "value handed to a helper is low",
        path: "src/profile-cache.js",
        code: `import { LRUCache } from "lru-cache";
const profiles = new LRUCache({ max: 1000 });
function remember(userId, profile) {
  profiles.set(userId, profile);
}
app.put("/me", async (req, res) => {
  const profile = await Profile.findOneAndUpdate({ userId: req.user.id }, req.body);
  remember(req.user.id, profile);
  res.json(profile);
});`,
        findings: [{ line: 2, column: 18, severity: "low" }],
      },
      {
        name: "loader-filled per-user entries are low",
        code: `import { createCache } from "cache-manager";
const cache = createCache();
app.get("/dashboard", async (req, res) => {
  const data = await cache.wrap(\`user:\${req.user.id}\`, () => loadDashboard(req.user.id));
  res.json(data);
});`,
        findings: [{ line: 2, column: 15, severity: "low" }],
      },
    ],
  });

  it("moves to a changed write line in a review", () => {
    const result = analyze(
      [
        {
          path: "src/server.js",
          text: `import NodeCache from "node-cache";
const codes = new NodeCache();
app.post("/otp", (req, res) => {
  codes.set(req.body.email, String(Math.random()).slice(2, 8));
  res.sendStatus(204);
});`,
        },
      ],
      {
        detectors: [memoryCache],
        changedLines: new Map([["src/server.js", new Set([4])]]),
      },
    );
    expect(result.findings.map((finding) => finding.line)).toEqual([4]);
  });

  it("proposes Redis for codes and a shared store for copies", () => {
    const [high] = runDetector(memoryCache, {
      name: "fix text",
      code: `import NodeCache from "node-cache";
const codes = new NodeCache();
app.post("/otp", (req, res) => codes.set(req.body.email, generateOtp()));`,
    });
    expect(high?.fix).toContain("EX <seconds>");
    expect(high?.example).toContain("redis.set(");
  });
});
