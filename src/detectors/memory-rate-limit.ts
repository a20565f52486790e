import { ts } from "ts-morph";

import {
  getObjectPropertyValue,
  getStringValue,
  unwrapExpression,
} from "../engine/ast/nodes.js";
import type { FileFacts } from "../engine/facts/file-facts.js";
import type { Detector, DetectorContext, Severity } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import { isPluginRegistration } from "./support/plugin-registration.js";
import {
  describeAuthMount,
  findFastifyAuthRoute,
  GUESSING_CLAUSE,
  findThrottledAuthEndpoint,
  isAuthText,
} from "./support/auth-guard.js";
import { reportFlexibleLimiter } from "./support/flexible-limiter-report.js";
import { suggestOptionLine } from "./support/option-suggestion.js";
import {
  getOption,
  isEmptyValue,
  resolveOptionsObject,
  type OptionsObject,
  type OptionValue,
} from "./support/options.js";
import { findRouteMount, type RouteMount } from "./support/request-site.js";
import {
  classifyStore,
  KNOWN_LOCAL_STORES,
  type KnownStore,
  type StoreClassification,
} from "./support/stores.js";
import { findBinding, listUseSites } from "./support/use-sites.js";
import { listFactoryResults } from "./support/nest-module-options.js";
import {
  RATE_LIMIT_WHY,
  RATE_LIMIT_WHY_AUTH,
} from "./support/rate-limit-text.js";

const CLUSTER_STORE_MODULE = "@express-rate-limit/cluster-memory-store";

/** Stores of express-rate-limit that keep counters on one machine. */
const RATE_LIMIT_LOCAL_STORES: readonly KnownStore[] = [
  ...KNOWN_LOCAL_STORES,
  {
    module: CLUSTER_STORE_MODULE,
    path: ["ClusterMemoryStoreWorker"],
    kind: "memory",
    label:
      "cluster-memory-store, which shares counters only between the workers of one host",
  },
  {
    module: "precise-memory-rate-limit",
    path: [],
    kind: "memory",
    label: "precise-memory-rate-limit",
  },
  {
    module: "@nestjs/throttler",
    path: ["ThrottlerStorageService"],
    kind: "memory",
    label: "the throttler's in-memory ThrottlerStorageService",
  },
  {
    module: "@nestjs/throttler",
    path: ["ThrottlerStorageMemoryService"],
    kind: "memory",
    label: "the throttler's in-memory ThrottlerStorageMemoryService",
  },
];

const EXPRESS_LIMITERS = [
  { module: "express-rate-limit", paths: [[], ["rateLimit"]] },
  { module: "express-slow-down", paths: [[], ["slowDown"]] },
] as const;

const FASTIFY_MODULES = ["@fastify/rate-limit", "fastify-rate-limit"];
const THROTTLER_MODULE = "@nestjs/throttler";

/** Packages whose import makes a file worth checking. */
const RATE_LIMIT_PACKAGES = [
  ...EXPRESS_LIMITERS.map((limiter) => limiter.module),
  ...FASTIFY_MODULES,
  THROTTLER_MODULE,
  "rate-limiter-flexible",
];

const EXPRESS_EXAMPLE = `import { rateLimit } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import { createClient } from "redis";

const redisClient = createClient({ url: process.env.REDIS_URL });
await redisClient.connect();

const loginLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  store: new RedisStore({
    prefix: "rl:login:",
    sendCommand: (...args) => redisClient.sendCommand(args),
  }),
});`;

const FASTIFY_EXAMPLE = `import rateLimit from "@fastify/rate-limit";
import Redis from "ioredis";

await fastify.register(rateLimit, {
  max: 100,
  timeWindow: "1 minute",
  redis: new Redis(process.env.REDIS_URL),
});`;

const NEST_EXAMPLE = `import { ThrottlerStorageRedisService } from "@nest-lab/throttler-storage-redis";
import Redis from "ioredis";

ThrottlerModule.forRoot({
  throttlers: [{ ttl: 60_000, limit: 10 }],
  storage: new ThrottlerStorageRedisService(new Redis(process.env.REDIS_URL)),
});`;

export const memoryRateLimit: Detector = {
  meta: {
    id: "memory-rate-limit",
    title: "Disallow rate limiters that count requests in process memory",
    description:
      "A rate limiter with an in-memory store counts requests per process, so behind a load balancer with N replicas a client gets N times the limit and every restart resets the counters.",
    defaultSeverity: "medium",
    fix: "Give the limiter a shared store: rate-limit-redis for express-rate-limit, RateLimiterRedis for rate-limiter-flexible, the `redis` option of @fastify/rate-limit, or a Redis ThrottlerStorage for @nestjs/throttler.",
    docsUrl: getDocsUrl("memory-rate-limit"),
  },
  detect(context) {
    const { file } = context;
    if (!file.importsPackage(RATE_LIMIT_PACKAGES)) return;
    for (const call of file.walk.calls) {
      checkExpressLimiter(context, call);
      checkFastifyRegister(context, call);
      checkThrottlerModule(context, call);
    }
    for (const expression of file.walk.newExpressions) {
      checkExpressLimiter(context, expression);
      reportFlexibleLimiter(context, expression);
    }
  },
};

function checkExpressLimiter(
  context: DetectorContext,
  call: ts.CallExpression | ts.NewExpression,
): void {
  const { file } = context;
  const library = EXPRESS_LIMITERS.find((candidate) =>
    candidate.paths.some((path) =>
      file.isSymbol(call.expression, [candidate.module], path),
    ),
  );
  if (!library) return;

  const argument = call.arguments?.[0];
  const options = argument ? resolveOptionsObject(file, argument) : "none";
  if (!options) return;
  const store =
    options === "none"
      ? ({ kind: "absent" } as const)
      : getOption(file, options, ["store"]);
  const local = classifyOption(file, store);
  if (!local) return;

  const guarded = findExpressGuard(context, call, options);
  const subject = describeLimiter(call, library.module);
  const message =
    store.kind === "absent"
      ? `${subject} has no \`store\`, so it counts requests in this process's memory (its default MemoryStore).`
      : describeLocalStore(subject, local);
  context.report({
    node: call,
    message: appendGuard(message, guarded),
    why: guarded ? RATE_LIMIT_WHY_AUTH : RATE_LIMIT_WHY,
    fix: "Pass `store: new RedisStore({ sendCommand: (...args) => client.sendCommand(args) })` from rate-limit-redis, with a `prefix` per limiter, so every replica counts in the same Redis keys.",
    example: EXPRESS_EXAMPLE,
    severity: getSeverity(local, guarded),
    suggestion:
      store.kind === "absent" && options !== "none"
        ? suggestFor(
            file,
            options,
            "store: new RedisStore({ sendCommand: (...args) => redisClient.sendCommand(args) }),",
          )
        : undefined,
    relatedNodes: store.kind === "set" ? [store.node] : undefined,
  });
}

/** Classifies the store option: undefined when it is shared or cannot be judged. */
function classifyOption(
  file: FileFacts,
  store: OptionValue,
): StoreClassification | undefined {
  if (store.kind === "absent") return { kind: "memory" };
  if (store.kind !== "set") return undefined;
  if (file.isProductionOnly(store.node))
    return { kind: "conditional", label: "the default memory store" };
  if (isEmptyValue(store.value))
    return { kind: "memory", label: "the default memory store" };
  const classification = classifyStore(
    file,
    store.value,
    RATE_LIMIT_LOCAL_STORES,
  );
  return classification.kind === "memory" ||
    classification.kind === "local-file" ||
    classification.kind === "conditional"
    ? classification
    : undefined;
}

function describeLocalStore(
  subject: string,
  local: StoreClassification,
): string {
  if (local.kind === "conditional") {
    return `${subject} uses ${local.label ?? "its default memory store"} in one branch of its store option, so outside production it counts requests in this process's memory.`;
  }
  return `${subject} keeps its counters in ${local.label ?? "process memory"}.`;
}

function getSeverity(
  classification: StoreClassification,
  guarded: string | undefined,
): Severity {
  if (classification.kind === "conditional") return "info";
  return guarded ? "high" : "medium";
}

function appendGuard(message: string, guarded: string | undefined): string {
  return guarded ? `${message} ${guarded}` : message;
}

function suggestFor(file: FileFacts, options: OptionsObject, line: string) {
  // A later `opts.store = ...` would make the inserted line wrong.
  if (options.assignments.size > 0) return undefined;
  return suggestOptionLine(file, options.object, line);
}

/** Names the limiter for the start of a message: "`loginLimiter`, an express-rate-limit limiter,". */
function describeLimiter(node: ts.Node, module: string): string {
  const holder = climbToDeclaration(node);
  return holder
    ? `\`${holder}\`, an ${module} limiter,`
    : `An ${module} limiter`;
}

function climbToDeclaration(node: ts.Node): string | undefined {
  let current = node;
  while (
    current.parent &&
    (ts.isAwaitExpression(current.parent) ||
      ts.isParenthesizedExpression(current.parent) ||
      ts.isAsExpression(current.parent))
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (
    parent &&
    ts.isVariableDeclaration(parent) &&
    ts.isIdentifier(parent.name)
  )
    return parent.name.text;
  if (
    parent &&
    ts.isPropertyDeclaration(parent) &&
    ts.isIdentifier(parent.name)
  )
    return parent.name.text;
  return undefined;
}

/**
 * Finds the auth endpoint an express limiter guards: from its variable
 * name, its `message`, `skipSuccessfulRequests` (which counts only failed
 * attempts, the login pattern), or the paths it is mounted on in any file
 * of the run.
 */
function findExpressGuard(
  context: DetectorContext,
  call: ts.CallExpression | ts.NewExpression,
  options: OptionsObject | "none",
): string | undefined {
  const { file, project } = context;
  const mounts: RouteMount[] = [];
  const direct = findRouteMount(call);
  if (direct) mounts.push(direct);
  const binding = findBinding(file, call);
  if (binding) {
    for (const site of listUseSites(file, project, binding)) {
      const mount = findRouteMount(site.node);
      if (mount) mounts.push(mount);
    }
  }
  const mounted = describeAuthMount(mounts);
  if (mounted) return mounted;

  const name = climbToDeclaration(call);
  if (name && isAuthText(name))
    return `Its name says it guards sign-in or one-time codes, ${GUESSING_CLAUSE}.`;
  if (options === "none") return undefined;
  const message = getStringValue(
    getObjectPropertyValue(options.object, "message"),
  );
  if (message && (isAuthText(message) || /attempt/i.test(message)))
    return `Its limit message is about sign-in attempts, ${GUESSING_CLAUSE}.`;
  const skipSuccess = getObjectPropertyValue(
    options.object,
    "skipSuccessfulRequests",
  );
  if (skipSuccess?.kind === ts.SyntaxKind.TrueKeyword)
    return `It counts only failed requests (\`skipSuccessfulRequests\`), the usual login-guard setup, ${GUESSING_CLAUSE}.`;
  return undefined;
}

function checkFastifyRegister(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  if (!isPluginRegistration(file, call, FASTIFY_MODULES)) return;

  const argument = call.arguments[1];
  const options = argument ? resolveOptionsObject(file, argument) : "none";
  if (!options) return;
  const redis =
    options === "none"
      ? ({ kind: "absent" } as const)
      : getOption(file, options, ["redis"]);
  const store =
    options === "none"
      ? ({ kind: "absent" } as const)
      : getOption(file, options, ["store"]);
  if (redis.kind === "unknown" || store.kind === "unknown") return;
  // A `redis` or `store` that is not in memory makes the limit shared.
  const redisLocal =
    redis.kind === "set" ? classifyOption(file, redis) : undefined;
  if (redis.kind === "set" && !redisLocal) return;
  const storeLocal =
    store.kind === "set" ? classifyOption(file, store) : undefined;
  if (store.kind === "set" && !storeLocal) return;
  const local: StoreClassification = storeLocal ??
    redisLocal ?? { kind: "memory" };

  const guarded = findFastifyAuthRoute(file);
  const message =
    store.kind === "set" || redis.kind === "set"
      ? describeLocalStore("@fastify/rate-limit", local)
      : "@fastify/rate-limit is registered without `redis` or `store`, so it counts requests in an in-process LRU map.";
  context.report({
    node: call,
    message: appendGuard(message, guarded),
    why: guarded ? RATE_LIMIT_WHY_AUTH : RATE_LIMIT_WHY,
    fix: "Pass `redis: new Redis(process.env.REDIS_URL)` (an ioredis client, or the one @fastify/redis decorates) so every replica counts in the same Redis keys.",
    example: FASTIFY_EXAMPLE,
    severity: getSeverity(local, guarded),
    suggestion:
      options !== "none" && store.kind === "absent" && redis.kind === "absent"
        ? suggestFor(file, options, "redis: new Redis(process.env.REDIS_URL),")
        : undefined,
  });
}

function checkThrottlerModule(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file, project } = context;
  const isForRoot = file.isSymbol(
    call.expression,
    [THROTTLER_MODULE],
    ["ThrottlerModule", "forRoot"],
  );
  const isForRootAsync = file.isSymbol(
    call.expression,
    [THROTTLER_MODULE],
    ["ThrottlerModule", "forRootAsync"],
  );
  if (!isForRoot && !isForRootAsync) return;

  const candidates = isForRoot
    ? [call.arguments[0]]
    : listFactoryResults(file, call.arguments[0]);
  if (candidates.length === 0) return;

  let missing: ts.ObjectLiteralExpression | "array" | "none" | undefined;
  let local: StoreClassification | undefined;
  for (const candidate of candidates) {
    const value = candidate && unwrapExpression(candidate);
    if (!value) {
      missing ??= "none";
      continue;
    }
    // The array form `forRoot([{ ttl, limit }])` has no place for a storage.
    if (ts.isArrayLiteralExpression(value)) {
      missing ??= "array";
      continue;
    }
    const options = resolveOptionsObject(file, value);
    if (!options) return;
    const storage = getOption(file, options, ["storage"]);
    if (storage.kind === "unknown") return;
    if (storage.kind === "absent") {
      missing ??= options.object;
      continue;
    }
    const classification = classifyOption(file, storage);
    if (!classification) return;
    local = classification;
  }
  if (!missing && !local) return;

  const guarded = findThrottledAuthEndpoint(project);
  const message = local
    ? describeLocalStore("ThrottlerModule", local)
    : "ThrottlerModule is configured without `storage`, so the throttler counts requests in its in-memory ThrottlerStorageService.";
  context.report({
    node: call,
    message: appendGuard(message, guarded),
    why: guarded ? RATE_LIMIT_WHY_AUTH : RATE_LIMIT_WHY,
    fix: "Set `storage: new ThrottlerStorageRedisService(redis)` from @nest-lab/throttler-storage-redis so every replica counts in the same Redis keys.",
    example: NEST_EXAMPLE,
    severity: getSeverity(local ?? { kind: "memory" }, guarded),
    suggestion:
      missing && typeof missing !== "string"
        ? suggestOptionLine(
            file,
            missing,
            "storage: new ThrottlerStorageRedisService(redis),",
          )
        : undefined,
  });
}
