import { ts } from "ts-morph";

import type { FileFacts } from "../engine/facts/file-facts.js";
import {
  getObjectPropertyValue,
  unwrapExpression,
} from "../engine/ast/nodes.js";
import type {
  Detector,
  DetectorContext,
  Severity,
  Suggestion,
} from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import { isPluginRegistration } from "./support/plugin-registration.js";
import {
  getOption,
  resolveOptionsObject,
  type OptionsObject,
} from "./support/options.js";
import { classifyStore, type StoreClassification } from "./support/stores.js";

const WHY_SESSIONS =
  "Sessions held by one process exist only on that replica: behind a load balancer the next request lands on a replica that has never seen the session, so the user is logged out or loses data, and every restart or deploy logs everyone out.";

const EXPRESS_EXAMPLE = `import { RedisStore } from "connect-redis";
import { createClient } from "redis";

const redisClient = createClient({ url: process.env.REDIS_URL });
await redisClient.connect();

app.use(
  session({
    store: new RedisStore({ client: redisClient, prefix: "sess:" }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  }),
);`;

const FASTIFY_EXAMPLE = `import { RedisStore } from "connect-redis";
import Redis from "ioredis";

await fastify.register(fastifySession, {
  secret: process.env.SESSION_SECRET,
  store: new RedisStore({ client: new Redis(process.env.REDIS_URL) }),
});`;

const KOA_EXAMPLE = `import session from "koa-generic-session";
import redisStore from "koa-redis";

app.use(session({ store: redisStore({ url: process.env.REDIS_URL }) }));`;

const HAPI_EXAMPLE = `import CatboxRedis from "@hapi/catbox-redis";

const server = Hapi.server({
  cache: [{ name: "sessions", provider: { constructor: CatboxRedis, options: { url: process.env.REDIS_URL } } }],
});
await server.register({ plugin: Yar, options: { cache: { cache: "sessions" }, cookieOptions: { password } } });`;

/** A session library: its middleware factory and the path of its store option. */
interface SessionLibrary {
  modules: readonly string[];
  /** Export path of the middleware factory; `[]` is the default export. */
  path: readonly string[];
  /** Options path of the store inside the options object. */
  storeOption: readonly string[];
  /** True when the library keeps sessions in memory unless a store is given. */
  memoryByDefault: boolean;
  label: string;
  example: string;
}

const CALLED_LIBRARIES: readonly SessionLibrary[] = [
  {
    modules: ["express-session"],
    path: [],
    storeOption: ["store"],
    memoryByDefault: true,
    label: "express-session",
    example: EXPRESS_EXAMPLE,
  },
  {
    modules: ["koa-generic-session"],
    path: [],
    storeOption: ["store"],
    memoryByDefault: true,
    label: "koa-generic-session",
    example: KOA_EXAMPLE,
  },
  {
    modules: ["koa-session"],
    path: [],
    storeOption: ["store"],
    memoryByDefault: false,
    label: "koa-session",
    example: KOA_EXAMPLE,
  },
  {
    modules: ["express-openid-connect"],
    path: ["auth"],
    storeOption: ["session", "store"],
    memoryByDefault: false,
    label: "express-openid-connect",
    example: EXPRESS_EXAMPLE,
  },
];

const FASTIFY_SESSION_MODULES = ["@fastify/session", "fastify-session"];
const YAR_MODULES = ["@hapi/yar", "yar"];
const HAPI_MODULES = ["@hapi/hapi", "hapi"];
const AUTH_MODULES = ["next-auth", "@auth/express", "@auth/sveltekit", "lucia"];

/** Modules whose import makes a file worth checking. */
const SESSION_MODULES = [
  ...CALLED_LIBRARIES.flatMap((library) => library.modules),
  ...FASTIFY_SESSION_MODULES,
  ...YAR_MODULES,
  ...AUTH_MODULES,
];

export const sessionMemoryStore: Detector = {
  meta: {
    id: "session-memory-store",
    title: "Disallow session middleware that keeps sessions in process memory",
    description:
      "Session middleware without an external store keeps every session in the memory of one process, so sessions vanish when a request reaches another replica or the process restarts.",
    defaultSeverity: "high",
    fix: "Give the middleware a shared store such as connect-redis's RedisStore, or keep the session in a signed cookie or JWT.",
    docsUrl: getDocsUrl("session-memory-store"),
  },
  detect(context) {
    const { file } = context;
    if (!file.importsAny(SESSION_MODULES)) return;
    for (const call of file.walk.calls) {
      checkCalledLibrary(context, call);
      checkFastifyRegister(context, call);
      checkNextAuth(context, call);
    }
    for (const expression of file.walk.newExpressions)
      checkLucia(context, expression);
    for (const object of file.walk.objectLiterals) checkYar(context, object);
  },
};

function checkCalledLibrary(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  const library = CALLED_LIBRARIES.find((candidate) =>
    file.isSymbol(call.expression, candidate.modules, candidate.path),
  );
  if (!library) return;

  // koa-session takes `(app)` or `(options, app)`; the others take options first.
  const optionsArgument = call.arguments.find(
    (argument) => !isKoaApp(argument),
  );
  const options = optionsArgument
    ? resolveOptionsObject(file, optionsArgument)
    : "none";
  // Options built elsewhere (an import, a function's result) cannot be judged.
  if (!options) return;
  reportStore(
    context,
    call,
    library.label,
    library.memoryByDefault,
    options,
    library.storeOption,
    library.example,
  );
}

function checkFastifyRegister(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  if (!isPluginRegistration(file, call, FASTIFY_SESSION_MODULES)) return;

  const options = call.arguments[1]
    ? resolveOptionsObject(file, call.arguments[1])
    : "none";
  if (!options) return;
  reportStore(
    context,
    call,
    "@fastify/session",
    true,
    options,
    ["store"],
    FASTIFY_EXAMPLE,
  );
}

function reportStore(
  context: DetectorContext,
  call: ts.CallExpression,
  label: string,
  memoryByDefault: boolean,
  options: OptionsObject | "none",
  storeOption: readonly string[],
  example: string,
): void {
  const { file } = context;
  const store =
    options === "none"
      ? ({ kind: "absent" } as const)
      : getOption(file, options, storeOption);
  const fix = `Configure \`${storeOption.join(".")}\` with a shared store (Redis through connect-redis, or a database store), or keep small sessions in a signed cookie.`;

  if (store.kind === "absent") {
    if (!memoryByDefault) return;
    context.report({
      node: call,
      message: `${label} is configured without a \`store\`, so it uses its default MemoryStore and keeps every session in this process's memory.`,
      why: WHY_SESSIONS,
      fix,
      example,
      suggestion:
        label === "express-session" && options !== "none"
          ? buildStoreSuggestion(file, options)
          : undefined,
    });
    return;
  }
  if (store.kind !== "set") return;

  // A store assigned only in a production branch leaves the default
  // memory store everywhere else, unless the middleware itself is set up
  // only in production too.
  const classification =
    file.isProductionOnly(store.node) && !file.isProductionOnly(call)
      ? ({
          kind: "conditional",
          label: "the library's default memory store",
        } as const)
      : classifyStore(file, store.value);
  const severity = getStoreSeverity(file, classification, store.node);
  if (!severity) return;
  context.report({
    node: call,
    message: describeStore(label, classification),
    why:
      classification.kind === "local-file"
        ? "Files on one server's disk are not visible to the other replicas and are lost when the container is replaced, so sessions break behind a load balancer and on redeploys."
        : WHY_SESSIONS,
    fix,
    example,
    severity,
    relatedNodes: [store.node],
  });
}

function getStoreSeverity(
  file: FileFacts,
  classification: StoreClassification,
  storeNode: ts.Node,
): Severity | undefined {
  if (
    classification.kind === "memory" ||
    classification.kind === "local-file"
  ) {
    return file.isDevOnly(storeNode) ? "info" : "high";
  }
  if (classification.kind === "conditional") return "info";
  return undefined;
}

function describeStore(
  label: string,
  classification: StoreClassification,
): string {
  const store = classification.label ?? "an in-memory store";
  if (classification.kind === "conditional") {
    return `${label} uses ${store} in one branch of its store option; outside production it keeps sessions in this process's memory.`;
  }
  if (classification.kind === "local-file") {
    return `${label} stores sessions in ${store}, which only this server can read.`;
  }
  return `${label} stores sessions in ${store}, which keeps them in this process's memory.`;
}

/**
 * Builds a suggestion that adds a Redis store as the first option of a
 * multi-line options literal. It applies only when that property starts
 * its own line, so the edit stays within one line of the diff.
 */
function buildStoreSuggestion(
  file: FileFacts,
  options: OptionsObject,
): Suggestion | undefined {
  const first = options.object.properties[0];
  // Options assigned later (`opts.store = ...`) would make the edit wrong.
  if (!first || options.assignments.size > 0) return undefined;
  const line = file.getLine(first);
  if (line === file.getLine(options.object)) return undefined;
  const lineText = file.text.split(/\r?\n/)[line - 1];
  if (lineText === undefined) return undefined;
  const indent = /^\s*/.exec(lineText)?.[0] ?? "";
  if (
    lineText.trim().length === 0 ||
    !lineText.trimStart().startsWith(first.getText().slice(0, 1))
  ) {
    return undefined;
  }
  return {
    startLine: line,
    endLine: line,
    replacement: `${indent}store: new RedisStore({ client: redisClient }),\n${lineText}`,
  };
}

function checkYar(
  context: DetectorContext,
  object: ts.ObjectLiteralExpression,
): void {
  const { file, project } = context;
  const plugin = getObjectPropertyValue(object, "plugin");
  if (!plugin || !file.isSymbol(plugin, YAR_MODULES)) return;

  const options = resolveOptionsObject(
    file,
    getObjectPropertyValue(object, "options"),
  );
  const cookieSize = getOption(file, options, ["maxCookieSize"]);
  const alwaysServerSide =
    cookieSize.kind === "set" &&
    unwrapExpression(cookieSize.value).getText() === "0";

  // The server built in this file is the one yar registers on. Servers of
  // other analysed files count only when this file builds none.
  const ownServers = findHapiServers(file);
  const servers =
    ownServers.length > 0
      ? ownServers
      : project
          .listFilesWith(HAPI_MODULES.map((module) => `module:${module}`))
          .flatMap((candidate) => findHapiServers(candidate));
  const externalCache = servers.some((server) => server.externalCache);
  if (externalCache) return;
  if (servers.length === 0 && !alwaysServerSide) return;

  context.report({
    node: object,
    message: alwaysServerSide
      ? "@hapi/yar is set to `maxCookieSize: 0`, so every session is stored in the server cache, and this server's cache is hapi's default in-memory catbox-memory."
      : "@hapi/yar moves sessions larger than its cookie limit into the server cache, and this server's cache is hapi's default in-memory catbox-memory.",
    why: WHY_SESSIONS,
    fix: "Give the hapi server a shared cache provider such as @hapi/catbox-redis and point yar's `cache.cache` option at it.",
    example: HAPI_EXAMPLE,
    severity: alwaysServerSide ? "high" : "medium",
  });
}

/** Finds `Hapi.server({...})` and `new Hapi.Server({...})` calls, noting whether they set a non-memory cache. */
function findHapiServers(file: FileFacts): { externalCache: boolean }[] {
  if (!file.importsAny(HAPI_MODULES)) return [];
  const servers: { externalCache: boolean }[] = [];
  const candidates: (ts.CallExpression | ts.NewExpression)[] = [
    ...file.walk.calls,
    ...file.walk.newExpressions,
  ];
  for (const call of candidates) {
    const isServer =
      file.isSymbol(call.expression, HAPI_MODULES, ["server"]) ||
      file.isSymbol(call.expression, HAPI_MODULES, ["Server"]);
    if (!isServer) continue;
    const options = resolveOptionsObject(file, call.arguments?.[0]);
    const cache = getOption(file, options, ["cache"]);
    const externalCache =
      cache.kind === "set" &&
      !/catbox-memory/.test(cache.value.getText()) &&
      /catbox|provider|engine/.test(cache.value.getText());
    servers.push({ externalCache });
  }
  return servers;
}

function checkNextAuth(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  if (
    !file.isSymbol(
      call.expression,
      ["next-auth", "@auth/express", "@auth/sveltekit"],
      [],
    ) &&
    !file.isSymbol(call.expression, ["@auth/express"], ["ExpressAuth"])
  ) {
    return;
  }
  const options = resolveOptionsObject(file, call.arguments[0]);
  const adapter = getOption(file, options, ["adapter"]);
  if (adapter.kind !== "set" || !isMemoryAdapter(file, adapter.value)) return;

  context.report({
    node: call,
    message:
      "Auth.js is given a database adapter backed by process memory, so sessions and accounts live only in this process.",
    why: WHY_SESSIONS,
    fix: "Use a real database adapter (Prisma, Drizzle, Redis through unstorage's Redis driver), or drop the adapter to use the default encrypted JWT session.",
    example: `import { PrismaAdapter } from "@auth/prisma-adapter";

export const { handlers, auth } = NextAuth({
  adapter: PrismaAdapter(prisma),
  session: { strategy: "database" },
});`,
    relatedNodes: [adapter.node],
  });
}

/** True for unstorage with no driver or its memory driver, and for adapters over module-level collections. */
function isMemoryAdapter(file: FileFacts, expression: ts.Expression): boolean {
  const value = unwrapExpression(expression);
  if (ts.isCallExpression(value)) {
    const storage = value.arguments[0] && unwrapExpression(value.arguments[0]);
    const storageValue =
      storage && ts.isIdentifier(storage)
        ? file.scopes.resolve(storage)?.initializer
        : storage;
    if (storageValue && ts.isCallExpression(unwrapExpression(storageValue))) {
      const storageCall = unwrapExpression(storageValue) as ts.CallExpression;
      if (
        file.isSymbol(storageCall.expression, ["unstorage"], ["createStorage"])
      ) {
        const driver =
          storageCall.arguments[0] &&
          resolveOptionsObject(file, storageCall.arguments[0]);
        const driverValue = driver
          ? getOption(file, driver, ["driver"])
          : { kind: "absent" as const };
        if (driverValue.kind === "absent") return true;
        if (driverValue.kind === "set") {
          const driverCall = unwrapExpression(driverValue.value);
          return (
            ts.isCallExpression(driverCall) &&
            file.isSymbol(driverCall.expression, ["unstorage/drivers/memory"])
          );
        }
      }
    }
  }
  return classifyStore(file, expression).kind === "memory";
}

function checkLucia(
  context: DetectorContext,
  expression: ts.NewExpression,
): void {
  const { file } = context;
  if (!file.isSymbol(expression.expression, ["lucia"], ["Lucia"])) return;
  const adapter = expression.arguments?.[0];
  if (!adapter || classifyStore(file, adapter).kind !== "memory") return;
  context.report({
    node: expression,
    message: "Lucia is given an adapter that keeps sessions in process memory.",
    why: WHY_SESSIONS,
    fix: "Use a database adapter, or store sessions in a database table as Lucia's own guide now recommends.",
    relatedNodes: [adapter],
  });
}

function isKoaApp(argument: ts.Expression): boolean {
  const value = unwrapExpression(argument);
  return ts.isIdentifier(value) && /^app$|App$/.test(value.text);
}
