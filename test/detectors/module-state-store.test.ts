import { describe, expect, it } from "vitest";

import { moduleStateStore } from "../../src/detectors/module-state-store.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("module-state-store", () => {
  describeDetectorCases(moduleStateStore, {
    valid: [
      {
        name: "open TCP connections kept for shutdown",
        code: `const http = require("http");
const server = http.createServer(app);
function trackConnections() {
  const sockets = {};
  server.on("connection", (socket) => {
    const socketId = socket.remoteAddress + ":" + socket.remotePort;
    sockets[socketId] = socket;
    socket.on("close", () => {
      delete sockets[socketId];
    });
  });
  process.on("SIGTERM", () => {
    for (const socketId in sockets) sockets[socketId].destroy();
  });
}
trackConnections();`,
      },
      {
        name: "lookup table written only at module level",
        code: `const ROLES = new Map([["admin", 3]]);
ROLES.set("user", 1);
app.get("/role", (req, res) => res.json(ROLES.get(req.user.role)));`,
      },
      {
        name: "start-up writes before listen",
        code: `const handlers = {};
async function main() {
  handlers.user = await loadHandler("user");
  app.listen(3000);
}
app.post("/run", (req, res) => handlers[req.body.kind](req.user));
main();`,
      },
      {
        name: "Nest onModuleInit fills a module map",
        path: "src/plans.service.ts",
        code: `import { Injectable, OnModuleInit } from "@nestjs/common";
const plans = new Map<string, Plan>();
@Injectable()
export class PlansService implements OnModuleInit {
  async onModuleInit() {
    for (const plan of await this.repo.find()) plans.set(plan.id, plan);
  }
  get(id: string) {
    return plans.get(id);
  }
}`,
      },
      {
        name: "timer refreshing a shared cache from the database",
        code: `const flags = {};
setInterval(async () => {
  for (const row of await db.query("select * from flags")) flags[row.key] = row.value;
}, 60000);
app.get("/flags", (req, res) => res.json(flags));`,
      },
      {
        name: "Mongoose document array saved to the database",
        code: `app.post("/login", async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  user.refreshTokens.push(createRefreshToken(user));
  await user.save();
});`,
      },
      {
        name: "collection created inside the handler",
        code: `app.post("/cart", (req, res) => {
  const carts = new Map();
  carts.set(req.user.id, req.body.items);
  res.json([...carts]);
});`,
      },
      {
        name: "WeakMap keyed by the request",
        code: `const timings = new WeakMap();
app.use((req, res, next) => {
  timings.set(req, { start: Date.now(), user: req.user.id });
  next();
});`,
      },
      {
        name: "prom-client metrics",
        code: `const client = require("prom-client");
const logins = new client.Counter({ name: "logins", help: "logins" });
app.post("/login", (req, res) => {
  logins.inc({ method: req.body.method });
});`,
      },
      {
        name: "route names as keys, read by a metrics endpoint",
        code: `const routeHits = new Map();
app.use((req, res, next) => {
  routeHits.set(req.path, (routeHits.get(req.path) ?? 0) + 1);
  next();
});
app.get("/metrics", (req, res) => res.json(Object.fromEntries(routeHits)));`,
      },
      {
        name: "dead Set that is never written",
        code: `const revokedTokens = new Set(); // kept for compatibility
app.use((req, res, next) => {
  if (revokedTokens.has(req.headers.authorization)) return res.sendStatus(401);
  next();
});`,
      },
      {
        name: "res.locals and ctx.state are per request",
        code: `app.use((req, res, next) => {
  res.locals.user = req.user;
  next();
});
router.use(async (ctx, next) => {
  ctx.state.user = await verify(ctx.headers.authorization);
  await next();
});`,
      },
      {
        name: "cache-aside of products with a database fallback",
        code: `const productCache = new Map();
app.get("/products/:productId", async (req, res) => {
  const cached = productCache.get(req.params.productId);
  if (cached) return res.json(cached);
  const product = await Product.findById(req.params.productId);
  productCache.set(req.params.productId, product);
  res.json(product);
});`,
      },
      {
        name: "per-user cache-aside over the database",
        code: `const userCache = new Map();
app.get("/me", async (req, res) => {
  if (!userCache.has(req.user.id)) {
    userCache.set(req.user.id, await User.findById(req.user.id));
  }
  res.json(userCache.get(req.user.id));
});`,
      },
      {
        name: "verified token claims in a plain Map cache",
        code: `const tokenCache = new Map();
app.use((req, res, next) => {
  const token = req.headers.authorization;
  let claims = tokenCache.get(token);
  if (!claims) {
    claims = jwt.verify(token, publicKey);
    tokenCache.set(token, claims);
  }
  req.claims = claims;
  next();
});`,
      },
      {
        name: "route hits with an in-memory comment",
        code: `// in-memory hit counters for the status page
const routeHits = new Map();
app.use((req, res, next) => {
  routeHits.set(req.path, (routeHits.get(req.path) ?? 0) + 1);
  next();
});`,
      },
      {
        name: "job queue drained by a timer belongs to the job rule",
        code: `const emailQueue = [];
app.post("/invite", (req, res) => {
  emailQueue.push({ to: req.body.email, from: req.user.id });
  res.sendStatus(202);
});
setInterval(() => sendBatch(emailQueue.splice(0)), 1000);`,
      },
      {
        name: "per-connection state inside the connection handler",
        code: `io.on("connection", (socket) => {
  const joined = new Set();
  socket.on("join", (room) => {
    joined.add(room);
    socket.join(room);
  });
});`,
      },
      {
        name: "state created per socket by a registered function",
        code: `export function handleConnection(socket) {
  const pending = new Map();
  socket.on("request", (data) => pending.set(data.userId, data));
  socket.on("answer", (data) => pending.delete(data.userId));
}`,
      },
      {
        name: "socket registry when a Redis adapter carries the events",
        code: `require("./io");
const onlineUsers = new Map();
io.on("connection", (socket) => {
  onlineUsers.set(socket.data.userId, socket.id);
});`,
        files: {
          "src/io.js": `const { createAdapter } = require("@socket.io/redis-adapter");
io.adapter(createAdapter(pubClient, subClient));`,
        },
      },
      {
        name: "SSE clients fed by a Redis subscription",
        code: `const Redis = require("ioredis");
const clients = [];
app.get("/events", (req, res) => {
  res.setHeader("Content-Type", "text/event-stream");
  clients.push(res);
});
const sub = new Redis();
sub.subscribe("events");
sub.on("message", (_c, m) => clients.forEach((c) => c.write(m)));`,
      },
      {
        name: "helper that no request code calls in this run",
        code: `const verificationCodes = new Map();
export function rememberCode(email, code) {
  verificationCodes.set(email, code);
}`,
      },
      {
        name: "outbound service tokens cached by an exported helper",
        code: `const tokens = new Map();
export function cacheToken(service, token) {
  tokens.set(service, { token, expiresAt: Date.now() + 3600_000 });
}
export function getToken(service) {
  return tokens.get(service)?.token;
}`,
      },
      {
        name: "seed helper with literal data",
        code: `const users = [];
export function seedUsers() {
  users.push({ email: "admin@example.com", role: "admin" });
}`,
      },
      {
        name: "file named test.js",
        path: "src/csrf/test.js",
        code: `let token;
request.get("/token").end(function (err, res) {
  token = res.text;
});
it("posts", () => request.post("/post").send({ _csrf: token }));`,
      },
      {
        name: "file importing supertest",
        path: "src/checks/login-check.js",
        code: `const request = require("supertest");
const sessions = new Map();
request(app).post("/login").end((err, res) => {
  sessions.set(res.body.token, res.body.user);
});`,
      },
      {
        name: "webhook subscriber URLs",
        code: `const subscribers = new Set();
app.post("/webhooks", (req, res) => {
  subscribers.add(req.body.url);
  res.sendStatus(201);
});`,
      },
      {
        name: "request counter without user data",
        code: `const stats = { requests: 0, errors: 0 };
app.use((req, res, next) => {
  stats.requests++;
  next();
});`,
      },
      {
        name: "views counted per product id",
        code: `const views = {};
app.get("/products/:productId", (req, res) => {
  views[req.params.productId] = (views[req.params.productId] || 0) + 1;
  res.json({ views: views[req.params.productId] });
});`,
      },
      {
        name: "in-memory error log is a diagnostic",
        code: `const errorLog = [];
app.use((err, req, res, next) => {
  errorLog.push({ message: err.message, user: req.user?.id });
  res.sendStatus(500);
});`,
      },
      {
        name: "lru-cache belongs to the cache rule",
        code: `import { LRUCache } from "lru-cache";
const profiles = new LRUCache({ max: 500 });
app.post("/profile", (req, res) => {
  profiles.set(req.user.id, req.body);
});`,
      },
      {
        name: "module variable replaced per request is the shared-variable rule",
        code: `let cart = [];
app.post("/cart", (req, res) => {
  cart = req.session.cart;
  cart.push(req.body.item);
});
app.get("/cart", (req, res) => res.json(cart));`,
      },
      {
        name: "test files are not analysed",
        path: "test/cart.test.js",
        code: `const carts = new Map();
app.post("/cart", (req, res) => carts.set(req.user.id, req.body));`,
      },
      {
        name: "client components are not analysed",
        path: "app/cart/page.tsx",
        code: `"use client";
const carts = new Map();
export function add(req) {
  carts.set(req.user.id, req.body);
}`,
      },
      {
        name: "command-line scripts are not analysed",
        code: `#!/usr/bin/env node
const sessions = new Map();
app.post("/login", (req, res) => sessions.set(req.sessionID, req.user));`,
      },
    ],
    invalid: [
      {
        name: "Lambda handler exported as a const arrow",
        path: "functions/cart.mjs",
        code: `const carts = new Map();
export const handler = async (event) => {
  const userId = event.requestContext.authorizer.jwt.claims.sub;
  carts.set(userId, JSON.parse(event.body));
  return { statusCode: 204 };
};`,
        findings: [{ line: 1, column: 7, severity: "critical" }],
      },
      {
        name: "server action keyed by a helper's user id",
        path: "app/compose/actions.ts",
        code: `"use server";
const drafts = new Map<string, string>();
async function requireUserId(): Promise<string> {
  const session = await auth();
  return session.user.id;
}
export async function saveDraft(formData: FormData) {
  const userId = await requireUserId();
  drafts.set(userId, String(formData.get("body")));
}`,
        findings: [{ line: 2, column: 7 }],
      },
      {
        name: "stream registry filled through a local let",
        path: "app/api/events/route.ts",
        code: `const subscribers = new Set<{ userId: string; controller: unknown }>();
export async function GET() {
  const session = await auth();
  let subscriber: { userId: string; controller: unknown };
  const stream = new ReadableStream({
    start(controller) {
      subscriber = { userId: session.user!.id!, controller };
      subscribers.add(subscriber);
    },
  });
  return new Response(stream);
}`,
        findings: [{ line: 1, column: 7 }],
      },
      {
        name: "user table appended at sign-up",
        code: `const users = [];
passport.deserializeUser((id, done) => done(null, users.find((u) => u.id === id)));
app.post("/register", async (req, res) => {
  if (users.some((u) => u.username === req.body.username)) return res.sendStatus(409);
  users.push({ id: crypto.randomUUID(), username: req.body.username, hash: await bcrypt.hash(req.body.password, 10) });
  res.redirect("/login");
});`,
        findings: [{ line: 1, column: 7 }],
      },
      {
        name: "Express cart Map keyed by the user id",
        code: `const express = require("express");
const app = express();
const carts = new Map();
app.post("/cart", (req, res) => {
  const cart = carts.get(req.user.id) || [];
  cart.push(req.body.item);
  carts.set(req.user.id, cart);
  res.json(cart);
});`,
        findings: [
          {
            line: 3,
            column: 7,
            severity: "high",
            message:
              "`carts` is a module-level Map of per-user carts or drafts, written by the POST /cart handler keyed by `req.user.id`.",
          },
        ],
      },
      {
        name: "session table object with a generated id",
        code: `const sessions = {};
app.post("/login", async (req, res) => {
  const user = await authenticate(req.body);
  const sid = crypto.randomUUID();
  sessions[sid] = { userId: user.id, createdAt: Date.now() };
  res.cookie("sid", sid);
});
app.use((req, res, next) => {
  req.session = sessions[req.cookies.sid];
  next();
});`,
        findings: [
          {
            line: 1,
            column: 7,
            severity: "high",
            message: "module-level object of sessions",
          },
        ],
      },
      {
        name: "refresh-token allow-list on a module let",
        code: `let refreshTokens = [];
app.post("/login", (req, res) => {
  const refreshToken = jwt.sign({ id: req.user.id }, process.env.REFRESH_SECRET);
  refreshTokens.push(refreshToken);
  res.json({ refreshToken });
});
app.post("/logout", (req, res) => {
  refreshTokens = refreshTokens.filter((t) => t !== req.body.token);
  res.sendStatus(204);
});`,
        findings: [
          {
            line: 1,
            column: 5,
            severity: "high",
            message: "array of refresh tokens",
          },
        ],
      },
      {
        name: "JWT deny-list written at logout and read by the middleware",
        path: "src/auth.ts",
        code: `const tokenBlacklist = new Set<string>();
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(" ")[1] ?? "";
  if (tokenBlacklist.has(token)) return res.sendStatus(401);
  next();
}
router.post("/logout", requireAuth, (req, res) => {
  tokenBlacklist.add(req.headers.authorization!.split(" ")[1]!);
  res.sendStatus(204);
});`,
        findings: [
          {
            line: 1,
            column: 7,
            severity: "high",
            message:
              "Set of revoked tokens, written by the POST /logout handler",
          },
        ],
      },
      {
        name: "online users registered on Socket.IO connection",
        code: `const onlineUsers = new Map();
io.on("connection", (socket) => {
  const userId = socket.handshake.auth.userId;
  onlineUsers.set(userId, socket.id);
  socket.on("disconnect", () => onlineUsers.delete(userId));
});
function sendTo(userId, event, data) {
  io.to(onlineUsers.get(userId)).emit(event, data);
}`,
        findings: [
          {
            line: 1,
            column: 7,
            severity: "high",
            message: "written by the `connection` event handler",
          },
        ],
      },
      {
        name: "OTP codes with an expiry in TypeScript",
        path: "src/otp.ts",
        code: `type Entry = { otp: string; expiresAt: number };
const otpStore: Map<string, Entry> = new Map();
app.post("/otp/send", async (req: Request, res: Response) => {
  const { email } = req.body;
  otpStore.set(email, { otp: generateOtp(), expiresAt: Date.now() + 300_000 });
  res.sendStatus(204);
});`,
        findings: [
          {
            line: 2,
            column: 7,
            message:
              "one-time codes or tokens, written by the POST /otp/send handler keyed by `email`",
          },
        ],
      },
      {
        name: "password reset tokens in an object",
        code: `const resetTokens = Object.create(null);
app.post("/forgot", async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  const token = crypto.randomBytes(32).toString("hex");
  resetTokens[token] = user.id;
  await mail(user.email, token);
});`,
        findings: [{ line: 1, column: 7, severity: "high" }],
      },
      {
        name: "OAuth state read back in the callback",
        code: `const oauthStates = new Map();
app.get("/auth/github", (req, res) => {
  const state = crypto.randomUUID();
  oauthStates.set(state, { returnTo: "/" });
  res.redirect(authorizeUrl(state));
});
app.get("/auth/github/callback", (req, res) => {
  const saved = oauthStates.get(req.query.state);
  if (!saved) return res.sendStatus(400);
});`,
        findings: [{ line: 1, column: 7, severity: "high" }],
      },
      {
        name: "login attempts counted per ip on the login route",
        code: `const loginAttempts = {};
app.post("/login", (req, res) => {
  loginAttempts[req.ip] = (loginAttempts[req.ip] || 0) + 1;
  if (loginAttempts[req.ip] > 5) return res.sendStatus(429);
});`,
        findings: [
          {
            line: 1,
            column: 7,
            severity: "high",
            message: "per-client attempt counters",
          },
        ],
      },
      {
        name: "request counter per ip off the auth routes is medium",
        code: `const requestCounts = new Map();
app.use((req, res, next) => {
  const entry = requestCounts.get(req.ip) ?? { count: 0 };
  entry.count++;
  requestCounts.set(req.ip, entry);
  next();
});`,
        findings: [{ line: 1, column: 7, severity: "medium" }],
      },
      {
        name: "SSE client registry",
        code: `let clients = [];
app.get("/events", (req, res) => {
  res.writeHead(200, { "Content-Type": "text/event-stream" });
  const id = Date.now();
  clients.push({ id, res });
  req.on("close", () => {
    clients = clients.filter((client) => client.id !== id);
  });
});`,
        findings: [
          {
            line: 1,
            column: 5,
            severity: "medium",
            message: "open event-stream responses",
          },
        ],
      },
      {
        name: "in-memory users read by passport deserializeUser",
        code: `const users = [];
passport.deserializeUser((id, done) => {
  done(null, users.find((user) => user.id === id));
});
app.post("/signup", async (req, res) => {
  const newUser = { id: Date.now().toString(), email: req.body.email };
  users.push(newUser);
  res.redirect("/login");
});`,
        findings: [
          {
            line: 1,
            column: 7,
            message: "read back in passport's `deserializeUser`",
          },
        ],
      },
      {
        name: "store exported and written from a handler in another file",
        path: "src/store.ts",
        code: `export const carts = new Map<string, string[]>();`,
        files: {
          "src/routes/cart.ts": `import { Router } from "express";
import { carts } from "../store.js";
export const router = Router();
router.post("/cart", (req, res) => {
  carts.set(req.user.id, req.body.items);
});`,
        },
        findings: [
          {
            line: 1,
            column: 14,
            message: "the POST /cart handler in src/routes/cart.ts",
          },
        ],
      },
      {
        name: "exported helper called from a handler in another file",
        path: "src/codes.js",
        code: `const verificationCodes = new Map();
export function rememberCode(email, code) {
  verificationCodes.set(email, code);
}`,
        files: {
          "src/routes.js": `import { rememberCode } from "./codes.js";
app.post("/verify/send", (req, res) => {
  rememberCode(req.body.email, makeCode());
});`,
        },
        findings: [
          {
            line: 1,
            column: 7,
            message:
              "written by `rememberCode` (called from request code in src/routes.js) keyed by `email`",
          },
        ],
      },
      {
        name: "OTP module of exported helpers, callers not in the run",
        path: "src/utils/otp-store.js",
        code: `const otpMap = new Map(); // email => { otp, expiresAt }
module.exports = {
  setOtp: (email, otp) => {
    otpMap.set(email, { otp, expiresAt: Date.now() + 5 * 60 * 1000 });
  },
  getOtp: (email) => otpMap.get(email),
};`,
        findings: [
          {
            line: 1,
            column: 7,
            severity: "high",
            message:
              "written by the exported function `setOtp` keyed by `email`",
          },
        ],
      },
      {
        name: "deny-list module of exported helpers",
        path: "src/auth/blacklist.ts",
        code: `const tokenBlacklist = new Set<string>();
export function blacklistToken(token: string) {
  tokenBlacklist.add(token);
}
export function isBlacklisted(token: string) {
  return tokenBlacklist.has(token);
}`,
        findings: [{ line: 1, column: 7, message: "Set of revoked tokens" }],
      },
      {
        name: "cart Map in a router factory",
        code: `module.exports = function createCartRouter(router) {
  const carts = new Map();
  router.post("/cart/items", (req, res) => {
    carts.get(req.session.userId).push(req.body.item);
  });
  return router;
};`,
        findings: [
          {
            line: 2,
            column: 9,
            message: "created once in `createCartRouter`",
          },
        ],
      },
      {
        name: "Next.js route handler is one step more severe",
        path: "app/api/drafts/route.ts",
        code: `const drafts = new Map<string, unknown>();
export async function POST(request: Request) {
  const session = await auth();
  drafts.set(session.user.id, await request.json());
  return Response.json({ ok: true });
}`,
        findings: [{ line: 1, column: 7, severity: "critical" }],
      },
      {
        name: "server action is one step more severe",
        path: "app/wizard/actions.ts",
        code: `"use server";
const wizardSteps = new Map<string, number>();
export async function nextStep(formData: FormData) {
  const session = await getServerSession();
  wizardSteps.set(session.user.id, Number(formData.get("step")));
}`,
        findings: [{ line: 2, column: 7, severity: "critical" }],
      },
      {
        name: "Lambda handler is one step more severe",
        code: `const seen = {};
exports.handler = async (event) => {
  seen[event.requestContext.authorizer.principalId] = Date.now();
  return { statusCode: 204 };
};`,
        findings: [{ line: 1, column: 7, severity: "critical" }],
      },
      {
        name: "Nest service writing a module map",
        path: "src/wizard.service.ts",
        code: `import { Injectable } from "@nestjs/common";
const wizardState: Record<string, number> = {};
@Injectable()
export class WizardService {
  advance(userId: string) {
    wizardState[userId] = (wizardState[userId] ?? 0) + 1;
  }
}`,
        findings: [{ line: 2, column: 7, message: "`WizardService.advance`" }],
      },
      {
        name: "Koa router with ctx.state.user",
        code: `const Router = require("@koa/router");
const router = new Router();
const baskets = {};
router.post("/basket", async (ctx) => {
  baskets[ctx.state.user.id] = ctx.request.body;
  ctx.status = 204;
});`,
        findings: [{ line: 3, column: 7 }],
      },
      {
        name: "Fastify session table",
        path: "src/app.ts",
        code: `import Fastify from "fastify";
const fastify = Fastify();
const sessionData = new Map<string, object>();
fastify.post("/prefs", async (request, reply) => {
  sessionData.set(request.session.sessionId, request.body as object);
  return reply.code(204).send();
});`,
        findings: [{ line: 3, column: 7 }],
      },
      {
        name: "hapi route handler",
        code: `const drafts = new Map();
server.route({
  method: "POST",
  path: "/drafts",
  handler: (request, h) => {
    drafts.set(request.auth.credentials.id, request.payload);
    return h.response().code(204);
  },
});`,
        findings: [
          {
            line: 1,
            column: 7,
            message: "written by the POST /drafts handler",
          },
        ],
      },
      {
        name: "GraphQL mutation resolver",
        code: `const favorites = new Map();
const resolvers = {
  Mutation: {
    addFavorite: (_parent, { productId }, { user }) => {
      const list = favorites.get(user.id) ?? [];
      favorites.set(user.id, [...list, productId]);
      return true;
    },
  },
};`,
        findings: [{ line: 1, column: 7 }],
      },
      {
        name: "ws sockets by user id",
        code: `const { WebSocketServer } = require("ws");
const wss = new WebSocketServer({ port: 8080 });
const userSockets = new Map();
wss.on("connection", (ws, req) => {
  const userId = new URL(req.url, "http://localhost").searchParams.get("userId");
  userSockets.set(userId, ws);
});`,
        findings: [{ line: 3, column: 7, message: "connected users" }],
      },
      {
        name: "session table named only by its comment and expiry",
        code: `// In-memory sessions; use Redis in production.
const sessions = new Map();
app.post("/session", (req, res) => {
  const id = crypto.randomUUID();
  sessions.set(id, { cart: [], createdAt: Date.now() });
  res.cookie("sid", id);
});`,
        findings: [{ line: 2, column: 7 }],
      },
      {
        name: "store declared in a development-only branch is info",
        code: `if (process.env.NODE_ENV !== "production") {
  const carts = new Map();
  app.post("/cart", (req, res) => carts.set(req.user.id, req.body));
}`,
        findings: [{ line: 2, column: 9, severity: "info" }],
      },
    ],
  });

  it("carries the cart fix and example", () => {
    const [finding] = runDetector(moduleStateStore, {
      name: "related writes",
      code: `const carts = new Map();
app.post("/cart", (req, res) => {
  carts.set(req.user.id, req.body);
});`,
    });
    expect(finding?.line).toBe(1);
    expect(finding?.fix).toContain("cart:<userId>");
    expect(finding?.example).toContain('"EX", 604800');
  });

  it("moves the finding to a changed write line", async () => {
    const { analyze } = await import("../../src/engine/analyze.js");
    const result = analyze(
      [
        {
          path: "src/server.js",
          text: `const carts = new Map();
app.post("/cart", (req, res) => {
  carts.set(req.user.id, req.body);
});`,
        },
      ],
      {
        detectors: [moduleStateStore],
        changedLines: new Map([["src/server.js", new Set([3])]]),
      },
    );
    expect(result.findings.map((finding) => finding.line)).toEqual([3]);
  });
});
