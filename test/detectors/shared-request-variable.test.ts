import { describe, expect, it } from "vitest";

import { sharedRequestVariable } from "../../src/detectors/shared-request-variable.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("shared-request-variable", () => {
  describeDetectorCases(sharedRequestVariable, {
    valid: [
      {
        name: "lazy singleton created on first request",
        code: `let agent = null;
async function createAgent() {
  const owner = await loadOwner();
  return { ownerId: owner.id };
}
app.post("/chat", async (req, res) => {
  if (!agent) {
    agent = await createAgent();
  }
  res.json(await agent.reply(req.body.message));
});`,
      },
      {
        name: "client created with a nullish assignment",
        code: `let client;
app.get("/items", async (req, res) => {
  client ??= await connect(process.env.DATABASE_URL);
  res.json(await client.query(req.query.q));
});`,
      },
      {
        name: "var declared inside the handler",
        code: `app.get("/me", async (req, res) => {
  var currentUser = req.user;
  const orders = await Order.find({ userId: currentUser.id });
  res.json({ currentUser, orders });
});`,
      },
      {
        name: "res.locals and ctx.state",
        code: `app.use((req, res, next) => {
  res.locals.user = req.user;
  next();
});
router.use(async (ctx, next) => {
  ctx.state.user = ctx.request.user;
  await next();
});`,
      },
      {
        name: "request counters without user data",
        code: `let requestCount = 0;
let lastRequestAt = 0;
app.use((req, res, next) => {
  requestCount++;
  requestCount = requestCount + 1;
  lastRequestAt = Date.now();
  next();
});
app.get("/stats", (req, res) => res.json({ requestCount, lastRequestAt }));`,
      },
      {
        name: "start-up assignments",
        code: `let server;
let config;
async function main() {
  config = await loadConfig(process.env.CONFIG_PATH);
  server = app.listen(config.port);
}
app.get("/config", (req, res) => res.json(config));
main();`,
      },
      {
        name: "lazy singleton client created in a middleware",
        code: `let client;
app.use(async (req, res, next) => {
  if (!client) client = await createClient({ url: process.env.REDIS_URL });
  next();
});
function cache() {
  return client;
}`,
      },
      {
        name: "application object reached through the request",
        code: `let io;
app.use((req, res, next) => {
  io = req.app.get("io");
  next();
});
function notify(event) {
  io.emit(event);
}`,
      },
      {
        name: "error kept by an error handler",
        code: `let lastError;
app.use((err, req, res, next) => {
  lastError = err;
  res.sendStatus(500);
});
app.get("/health", (req, res) => res.json({ ok: !lastError }));`,
      },
      {
        name: "assigned per request but never read again",
        code: `let lastLoginAt;
app.post("/login", (req, res) => {
  lastLoginAt = req.body.timestamp;
  res.sendStatus(204);
});`,
      },
      {
        name: "read in the same function before any await",
        code: `let current;
app.get("/me", (req, res) => {
  current = req.user;
  res.json(current);
});`,
      },
      {
        name: "slot of a module object written with non-identity data",
        code: `const settings = {};
app.post("/admin/theme", (req, res) => {
  settings.theme = req.body.theme;
  res.sendStatus(204);
});
app.get("/theme", (req, res) => res.json(settings.theme));`,
      },
      {
        name: "shared list replaced by a socket event",
        path: "src/server.ts",
        code: `let todos: Todo[] = [];
io.on("connection", (socket) => {
  socket.emit("todos", todos);
  socket.on("update-store", (updatedTodos) => {
    todos = updatedTodos;
    socket.broadcast.emit("todos", todos);
  });
});`,
      },
      {
        name: "latest search kept for every visitor",
        code: `let lastQuery;
app.get("/search", (req, res) => {
  lastQuery = req.query.q;
  res.json([]);
});
app.get("/recent", (req, res) => res.json(lastQuery));`,
      },
      {
        name: "command-line script",
        code: `#!/usr/bin/env node
let currentUser;
app.use((req, res, next) => { currentUser = req.user; next(); });
function who() { return currentUser; }`,
      },
    ],
    invalid: [
      {
        name: "Express middleware storing the current user",
        code: `const express = require("express");
const app = express();
let currentUser = null;
app.use((req, res, next) => {
  currentUser = req.user;
  next();
});
function getOrders() {
  return db.orders.find({ userId: currentUser.id });
}`,
        findings: [
          {
            line: 3,
            column: 5,
            severity: "critical",
            message:
              "`currentUser` is a module-level `let`: a middleware sets it from `req.user` and `getOrders` reads it",
          },
        ],
      },
      {
        name: "Koa context kept in a module variable",
        code: `let currentCtx;
app.use(async (ctx, next) => {
  currentCtx = ctx;
  await next();
});
function audit(action) {
  return db.insert({ user: currentCtx.state.user.id, action });
}`,
        findings: [{ line: 1, column: 5, severity: "critical" }],
      },
      {
        name: "decoded token in a module var",
        code: `var decoded;
function authenticate(req, res, next) {
  decoded = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);
  next();
}
function ownerId() {
  return decoded.sub;
}
app.use(authenticate);`,
        findings: [
          {
            line: 1,
            column: 5,
            message: "the `authenticate` middleware sets it",
          },
        ],
      },
      {
        name: "tenant header in TypeScript",
        path: "src/tenant.ts",
        code: `let currentTenant: string | undefined;
export function tenantMiddleware(req: Request, res: Response, next: NextFunction) {
  currentTenant = req.headers["x-tenant-id"] as string;
  next();
}
export function tenantDb() {
  return pools.get(currentTenant!);
}`,
        findings: [{ line: 1, column: 5, severity: "critical" }],
      },
      {
        name: "read again after an await in the same handler",
        code: `let me;
app.get("/me", async (req, res) => {
  me = req.user;
  const orders = await Order.find({ userId: me.id });
  res.json({ me, orders });
});`,
        findings: [
          {
            line: 1,
            column: 5,
            message: "the same function, after an `await`, reads it",
          },
        ],
      },
      {
        name: "setter called from a middleware in another file",
        path: "src/context.js",
        code: `let currentUser = null;
export function setCurrentUser(user) {
  currentUser = user;
}
export function getCurrentUser() {
  return currentUser;
}`,
        files: {
          "src/middleware.js": `import { setCurrentUser } from "./context.js";
app.use((req, res, next) => {
  setCurrentUser(req.user);
  next();
});`,
        },
        findings: [
          {
            line: 1,
            column: 5,
            severity: "critical",
            message:
              "`setCurrentUser` (called from request code in src/middleware.js) sets it from `user`",
          },
        ],
      },
      {
        name: "slot of a module object holding the user id",
        path: "src/context.ts",
        code: `const requestContext: { userId?: string } = {};
app.use((req, res, next) => {
  requestContext.userId = req.user.id;
  next();
});
export function scopedQuery(sql: string) {
  return db.query(sql, [requestContext.userId]);
}`,
        findings: [
          {
            line: 1,
            column: 7,
            message:
              "`requestContext.userId` is a property of a module-level object",
          },
        ],
      },
      {
        name: "request data without identity is high",
        code: `let currentLocale = "en";
app.use((req, res, next) => {
  currentLocale = req.headers["accept-language"];
  next();
});
function translate(key) {
  return messages[currentLocale][key];
}`,
        findings: [
          {
            line: 1,
            column: 5,
            severity: "high",
            message: "one request can read another request's data",
          },
        ],
      },
      {
        name: "header read with request.headers.get",
        path: "app/api/profile/route.ts",
        code: `let userId: string | null = null;
export async function GET(request: Request) {
  userId = request.headers.get("x-user-id");
  return Response.json(await loadProfile());
}
async function loadProfile() {
  return db.profile.findUnique({ where: { userId: userId! } });
}`,
        findings: [{ line: 1, column: 5, severity: "critical" }],
      },
      {
        name: "Next.js route handler",
        path: "app/api/orders/route.ts",
        code: `let session: Session | null = null;
export async function GET() {
  session = await auth();
  return Response.json(await listOrders());
}
async function listOrders() {
  return db.order.findMany({ where: { userId: session?.user.id } });
}`,
        findings: [{ line: 1, column: 5, severity: "critical" }],
      },
      {
        name: "Nest controller writing a module variable",
        path: "src/orders.controller.ts",
        code: `import { Controller, Get, Req } from "@nestjs/common";
let currentUser: User | undefined;
@Controller("orders")
export class OrdersController {
  @Get()
  list(@Req() req: Request) {
    currentUser = req.user;
    return this.load();
  }
  private load() {
    return this.orders.findFor(currentUser!.id);
  }
}`,
        findings: [
          {
            line: 2,
            column: 5,
            message: "the GET handler `OrdersController.list` sets it",
          },
        ],
      },
      {
        name: "variable shared by the handlers of an app factory",
        code: `function createApp(app) {
  let user;
  app.use((req, res, next) => {
    user = req.user;
    next();
  });
  app.get("/me", (req, res) => res.json(user));
}`,
        findings: [
          {
            line: 2,
            column: 7,
            message: "declared once in `createApp` and shared by its handlers",
          },
        ],
      },
      {
        name: "exported let read by importing modules",
        path: "src/current-user.js",
        code: `export let currentUser;
app.use((req, res, next) => {
  currentUser = req.user;
  next();
});`,
        findings: [
          {
            line: 1,
            column: 12,
            message: "every module importing it reads it",
          },
        ],
      },
      {
        name: "Lambda handler reading after an await",
        code: `let currentTenant;
exports.handler = async (event) => {
  currentTenant = event.headers["x-tenant"];
  await doWork();
  return { statusCode: 200, body: currentTenant };
};`,
        findings: [{ line: 1, column: 5, severity: "critical" }],
      },
    ],
  });

  it("lists the assignments as related nodes", async () => {
    const { analyze } = await import("../../src/engine/analyze.js");
    const result = analyze(
      [
        {
          path: "src/server.js",
          text: `let currentUser;
app.use((req, res, next) => {
  currentUser = req.user;
  next();
});
function who() {
  return currentUser;
}`,
        },
      ],
      {
        detectors: [sharedRequestVariable],
        changedLines: new Map([["src/server.js", new Set([3])]]),
      },
    );
    expect(result.findings.map((finding) => finding.line)).toEqual([3]);
  });

  it("proposes request-scoped storage", () => {
    const [finding] = runDetector(sharedRequestVariable, {
      name: "fix text",
      code: `let currentUser;
app.use((req, res, next) => { currentUser = req.user; next(); });
function who() { return currentUser; }`,
    });
    expect(finding?.fix).toContain("AsyncLocalStorage");
    expect(finding?.example).toContain("requestContext.run");
  });
});
