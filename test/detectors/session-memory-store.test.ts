import { describe, expect, it } from "vitest";

import { sessionMemoryStore } from "../../src/detectors/session-memory-store.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("session-memory-store", () => {
  describeDetectorCases(sessionMemoryStore, {
    valid: [
      {
        name: "express-session with connect-redis",
        code: `const session = require("express-session");
const { RedisStore } = require("connect-redis");
app.use(session({ store: new RedisStore({ client }), secret: "s" }));`,
      },
      {
        name: "old connect-redis factory",
        code: `const session = require("express-session");
const RedisStore = require("connect-redis")(session);
app.use(session({ store: new RedisStore({ client }), secret: "s" }));`,
      },
      {
        name: "store from a variable holding a Mongo store",
        code: `import session from "express-session";
import MongoStore from "connect-mongo";
const store = MongoStore.create({ mongoUrl: process.env.MONGO_URL });
const options = { secret: "s", store };
app.use(session(options));`,
      },
      {
        name: "cookie-session is stateless",
        code: `const cookieSession = require("cookie-session");
app.use(cookieSession({ name: "session", keys: ["k1"] }));`,
      },
      {
        name: "koa-session default cookie store",
        code: `import session from "koa-session";
app.use(session({ key: "koa.sess" }, app));`,
      },
      {
        name: "fastify secure-session",
        code: `import secureSession from "@fastify/secure-session";
fastify.register(secureSession, { key: process.env.KEY });`,
      },
      {
        name: "fastify session with redis store",
        code: `import fastifySession from "@fastify/session";
import { RedisStore } from "connect-redis";
fastify.register(fastifySession, { secret: "s", store: new RedisStore({ client }) });`,
      },
      {
        name: "express-openid-connect default cookie",
        code: `const { auth } = require("express-openid-connect");
app.use(auth({ authRequired: false, secret: "s" }));`,
      },
      {
        name: "options from an import cannot be judged",
        code: `import session from "express-session";
import { sessionOptions } from "./config.js";
app.use(session(sessionOptions));`,
      },
      {
        name: "a function named session from elsewhere",
        code: `import { session } from "./auth.js";
app.use(session({ secret: "s" }));`,
      },
      {
        name: "redis store in the production half of an environment switch",
        code: `const session = require("express-session");
if (process.env.NODE_ENV === "production") {
  app.use(session({ store: new RedisStore({ client }), secret: "s" }));
}`,
      },
      {
        name: "test file is not analysed",
        path: "test/login.test.js",
        code: `const session = require("express-session");
app.use(session({ secret: "s" }));`,
      },
    ],
    invalid: [
      {
        name: "express-session without a store",
        code: `const express = require("express");
const session = require("express-session");
const app = express();
app.use(session({ secret: "keyboard cat", resave: false }));`,
        findings: [
          {
            line: 4,
            column: 9,
            severity: "high",
            message: "without a `store`",
          },
        ],
      },
      {
        name: "express-session with no options",
        code: `import session from "express-session";
app.use(session());`,
        findings: [{ line: 2, column: 9 }],
      },
      {
        name: "session.MemoryStore spelled through the module",
        code: `import session from "express-session";
app.use(session({ secret: "s", store: new session.MemoryStore() }));`,
        findings: [
          { line: 2, column: 9, message: "express-session's MemoryStore" },
        ],
      },
      {
        name: "named MemoryStore import",
        code: `import session, { MemoryStore } from "express-session";
const store = new MemoryStore();
app.use(session({ secret: "s", store }));`,
        findings: [{ line: 3, column: 9 }],
      },
      {
        name: "memorystore package",
        code: `const session = require("express-session");
const MemoryStore = require("memorystore")(session);
app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: "s" }));`,
        findings: [{ line: 3, column: 9, message: "memorystore" }],
      },
      {
        name: "session-file-store on local disk",
        code: `const session = require("express-session");
const FileStore = require("session-file-store")(session);
app.use(session({ store: new FileStore({}), secret: "s" }));`,
        findings: [
          { line: 3, column: 9, message: "only this server can read" },
        ],
      },
      {
        name: "options through a variable",
        code: `const session = require("express-session");
const sess = {
  secret: "keyboard cat",
  cookie: {},
};
app.use(session(sess));`,
        findings: [{ line: 6, column: 9 }],
      },
      {
        name: "store set only in production is downgraded",
        code: `const session = require("express-session");
const sess = { secret: "s" };
if (app.get("env") === "production") {
  sess.store = new RedisStore({ client });
}
app.use(session(sess));`,
        findings: [{ line: 6, column: 9, severity: "info" }],
      },
      {
        name: "conditional store falls back to memory",
        code: `import session from "express-session";
app.use(session({ secret: "s", store: isProduction ? redisStore : undefined }));`,
        findings: [{ line: 2, column: 9, severity: "info" }],
      },
      {
        name: "fastify session without a store",
        path: "src/app.ts",
        code: `import Fastify from "fastify";
import fastifySession from "@fastify/session";
const fastify = Fastify();
fastify.register(fastifySession, { secret: "a secret with minimum length of 32 characters" });`,
        findings: [{ line: 4, column: 1 }],
      },
      {
        name: "koa-generic-session without a store",
        code: `const session = require("koa-generic-session");
app.use(session());`,
        findings: [{ line: 2, column: 9 }],
      },
      {
        name: "koa-session with a store over a module map",
        code: `const session = require("koa-session");
const sessions = new Map();
const store = {
  get: (key) => sessions.get(key),
  set: (key, value) => sessions.set(key, value),
  destroy: (key) => sessions.delete(key),
};
app.use(session({ store }, app));`,
        findings: [{ line: 8, column: 9 }],
      },
      {
        name: "express-openid-connect with a memory store",
        code: `const { auth } = require("express-openid-connect");
const session = require("express-session");
app.use(auth({ session: { store: new session.MemoryStore() } }));`,
        findings: [{ line: 3, column: 9 }],
      },
      {
        name: "yar with always server-side sessions on a default cache",
        code: `const Hapi = require("@hapi/hapi");
const server = Hapi.server({ port: 3000 });
await server.register({
  plugin: require("@hapi/yar"),
  options: { maxCookieSize: 0, cookieOptions: { password: "p" } },
});`,
        findings: [{ line: 3, column: 23, severity: "high" }],
      },
      {
        name: "custom store class with its own map",
        code: `const session = require("express-session");
class LocalStore extends session.Store {
  sessions = new Map();
  get(sid, cb) { cb(null, this.sessions.get(sid)); }
}
app.use(session({ secret: "s", store: new LocalStore() }));`,
        findings: [{ line: 6, column: 9 }],
      },
    ],
  });

  it("suggests adding a Redis store to a multi-line options literal", () => {
    const [finding] = runDetector(sessionMemoryStore, {
      name: "suggestion",
      code: `const session = require("express-session");
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
  }),
);`,
    });
    expect(finding?.suggestion).toEqual({
      startLine: 4,
      endLine: 4,
      replacement:
        "    store: new RedisStore({ client: redisClient }),\n    secret: process.env.SESSION_SECRET,",
    });
  });

  it("judges yar by its own file's server, not another file's", () => {
    const findings = runDetector(sessionMemoryStore, {
      name: "yar next to a redis server elsewhere",
      code: `const Hapi = require("@hapi/hapi");
const server = Hapi.server({ port: 3000 });
await server.register({ plugin: require("@hapi/yar"), options: { maxCookieSize: 0 } });`,
      files: {
        "src/other.js": `const Hapi = require("@hapi/hapi");
const server = Hapi.server({
  cache: [{ name: "s", provider: { constructor: require("@hapi/catbox-redis") } }],
});`,
      },
    });
    expect(findings.map((finding) => finding.line)).toEqual([3]);
  });

  it("skips a yar registration when the server cache is Redis", () => {
    const findings = runDetector(sessionMemoryStore, {
      name: "yar with redis",
      code: `const Hapi = require("@hapi/hapi");
const server = Hapi.server({
  cache: [{ name: "sessions", provider: { constructor: require("@hapi/catbox-redis") } }],
});
await server.register({ plugin: require("@hapi/yar"), options: { maxCookieSize: 0 } });`,
    });
    expect(findings).toEqual([]);
  });
});
