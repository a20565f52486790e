import { describe, expect, it } from "vitest";

import { globalStateWrite } from "../../src/detectors/global-state-write.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("global-state-write", () => {
  describeDetectorCases(globalStateWrite, {
    valid: [
      {
        name: "start-up settings and locals",
        code: `const express = require("express");
const app = express();
app.set("trust proxy", 1);
app.set("io", io);
app.locals.title = "Shop";
global.appRoot = __dirname;
app.listen(3000);`,
      },
      {
        name: "Prisma client cached on globalThis",
        path: "src/lib/prisma.ts",
        code: `import { PrismaClient } from "@prisma/client";
export function getPrisma(req: Request) {
  globalThis.prisma ??= new PrismaClient();
  return globalThis.prisma;
}`,
      },
      {
        name: "mongoose connection cache",
        path: "pages/api/users.js",
        code: `import mongoose from "mongoose";
let cached = global.mongoose;
export default async function handler(req, res) {
  if (!cached) cached = global.mongoose = { conn: null, promise: null };
  if (!global.db) global.db = await mongoose.connect(process.env.MONGO_URL);
  res.json(await User.find());
}`,
      },
      {
        name: "res.locals and ctx.state are per request",
        code: `app.use((req, res, next) => {
  res.locals.user = req.user;
  next();
});
koa.use(async (ctx, next) => {
  ctx.state.user = ctx.user;
  await next();
});`,
      },
      {
        name: "hapi request.app is per request",
        code: `const Hapi = require("@hapi/hapi");
const server = Hapi.server({ port: 3000 });
server.ext("onPreHandler", (request, h) => {
  request.app.user = request.auth.credentials;
  return h.continue;
});`,
      },
      {
        name: "request counter in middleware",
        code: `app.use((req, res, next) => {
  global.requestCount++;
  app.locals.hits += 1;
  next();
});`,
      },
      {
        name: "flag set to a literal",
        code: `app.post("/admin/maintenance", (req, res) => {
  app.set("maintenance", true);
  res.sendStatus(204);
});`,
      },
      {
        name: "lazy cache of shared config",
        code: `app.get("/config", async (req, res) => {
  if (!global.config) global.config = await loadConfig();
  res.json(global.config);
});`,
      },
      {
        name: "fastify decoration holding a client",
        path: "src/app.ts",
        code: `import Fastify from "fastify";
const fastify = Fastify();
fastify.decorate("db", new Pool());
fastify.decorate("utils", { hash: (value) => value });
fastify.get("/users", async function (request) {
  fastify.db.query("select 1");
  return this.utils.hash(request.query.q);
});`,
      },
      {
        name: "a local variable named global",
        code: `app.post("/x", (req, res) => {
  const global = {};
  global.user = req.user;
  res.json(global);
});`,
      },
      {
        name: "only removals from a bag",
        code: `app.post("/logout", (req, res) => {
  app.locals.sessions.delete(req.sessionID);
  res.end();
});`,
      },
    ],
    invalid: [
      {
        name: "global current user in middleware",
        code: `const express = require("express");
const app = express();
app.use((req, res, next) => {
  global.currentUser = req.user;
  next();
});`,
        findings: [
          {
            line: 4,
            column: 3,
            severity: "critical",
            message: "`global.currentUser`",
          },
        ],
      },
      {
        name: "globalThis through a type assertion",
        path: "src/middleware/auth.ts",
        code: `export function auth(req: Request, res: Response, next: NextFunction) {
  (globalThis as any).token = req.headers.authorization;
  next();
}`,
        findings: [{ line: 2, column: 3, severity: "critical" }],
      },
      {
        name: "Object.assign into global",
        code: `app.use((req, res, next) => {
  Object.assign(global, { user: req.user });
  next();
});`,
        findings: [
          {
            line: 2,
            column: 3,
            severity: "critical",
            message: "into `global`",
          },
        ],
      },
      {
        name: "app.locals written with request data",
        code: `app.get("/search", (req, res) => {
  app.locals.lastSearch = req.query.q;
  res.render("search");
});`,
        findings: [
          {
            line: 2,
            column: 3,
            severity: "high",
            message: "`app.locals.lastSearch`",
          },
        ],
      },
      {
        name: "req.app.locals keyed by client address",
        code: `app.use((req, res, next) => {
  req.app.locals.visitors[req.ip] = Date.now();
  next();
});`,
        findings: [
          {
            line: 2,
            column: 3,
            severity: "critical",
            message: "`app.locals.visitors`",
          },
        ],
      },
      {
        name: "app.set with a user value",
        code: `app.post("/login", (req, res) => {
  app.set("lastUser", req.user.id);
  res.end();
});`,
        findings: [
          {
            line: 2,
            column: 3,
            severity: "critical",
            message: 'app.get("lastUser")',
          },
        ],
      },
      {
        name: "setting value mutated directly and through an alias",
        code: `io.on("connection", (socket) => {
  socket.on("join", (userId) => {
    socket.request.app.get("onlineUsers").set(userId, socket.id);
  });
});
app.post("/presence", (req, res) => {
  req.app.get("onlineUsers").set(req.user.id, req.body.socketId);
  const online = req.app.get("onlineUsers");
  online.delete(req.body.previous);
  res.end();
});`,
        findings: [{ line: 7, column: 3, severity: "critical" }],
      },
      {
        name: "koa app.context",
        code: `const Koa = require("koa");
const app = new Koa();
app.use(async (ctx, next) => {
  app.context.user = ctx.state.user;
  ctx.app.context.locale = ctx.query.lang;
  await next();
});`,
        findings: [
          { line: 4, column: 3, severity: "critical" },
          { line: 5, column: 3, severity: "high" },
        ],
      },
      {
        name: "hapi server.app from a handler",
        code: `const Hapi = require("@hapi/hapi");
const server = Hapi.server({ port: 3000 });
server.app.sessions = new Map();
server.route({
  method: "POST",
  path: "/login",
  handler: (request, h) => {
    request.server.app.sessions.set(request.auth.credentials.id, Date.now());
    return h.response("ok");
  },
});`,
        findings: [
          {
            line: 8,
            column: 5,
            severity: "critical",
            message: "`server.app.sessions`",
          },
        ],
      },
      {
        name: "fastify decoration mutated per request",
        path: "src/presence.ts",
        code: `import Fastify from "fastify";
const fastify = Fastify();
fastify.decorate("onlineUsers", new Map());
fastify.post("/join", async function (request, reply) {
  this.onlineUsers.set(request.user.id, Date.now());
  return { ok: true };
});
fastify.post("/join-again", async (request) => {
  request.server.onlineUsers.set(request.user.id, Date.now());
});`,
        findings: [
          {
            line: 5,
            column: 3,
            severity: "critical",
            message: "`fastify.onlineUsers`",
          },
        ],
      },
      {
        name: "decoration declared in a plugin file",
        path: "src/routes/join.js",
        code: `export default async function routes(fastify) {
  fastify.post("/join", async (request) => {
    fastify.presence.add(request.user.id);
  });
}`,
        files: {
          "src/plugins/presence.js": `export default async function presence(fastify) {
  fastify.decorate("presence", new Set());
}`,
        },
        findings: [{ line: 3, column: 5, severity: "critical" }],
      },
      {
        name: "serverless route raises request data to critical",
        path: "app/api/search/route.ts",
        code: `export async function GET(request: Request) {
  const query = new URL(request.url).searchParams.get("q");
  globalThis.lastQuery = query;
  return Response.json({ query });
}`,
        findings: [{ line: 3, column: 3, severity: "critical" }],
      },
    ],
  });

  it("groups writes per target", () => {
    const findings = runDetector(globalStateWrite, {
      name: "grouped writes",
      code: `app.use((req, res, next) => {
  global.currentUser = req.user;
  next();
});
app.post("/switch", (req, res) => {
  global.currentUser = req.body.user;
  res.end();
});`,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.line).toBe(2);
    expect(findings[0]?.fix).toContain("AsyncLocalStorage");
  });
});
