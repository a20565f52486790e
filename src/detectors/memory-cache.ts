import { ts } from "ts-morph";

import type { Detector, DetectorContext } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import {
  isMemoryCacheModule,
  listCacheManagerSites,
  recognizeCache,
  listCachePackages,
} from "./support/cache-constructions.js";
import { judgeCacheUse, type CacheJudgement } from "./support/cache-usage.js";
import { describeRequestSite } from "./support/request-site.js";
import {
  findBinding,
  listMethodCalls,
  listUseSites,
  type Binding,
  type UseSite,
} from "./support/use-sites.js";

const ONLY_COPY_WHY =
  "The entry exists in one process only: behind a load balancer the user's next request usually reaches another replica, where the code, session or token is missing, and a restart or deploy drops every entry, so users see 'invalid' or 'expired' errors at random.";

const READ_COPY_WHY =
  "Each replica fills its own copy of the user's data, so after a change made through another replica this one keeps serving the old value until the entry expires; the cache also grows per replica with the number of users.";

const REDIS_EXAMPLE = `import { createClient } from "redis";

const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();

app.post("/otp/send", async (req, res) => {
  const code = generateOtp();
  await redis.set(\`otp:\${req.body.email}\`, hashCode(code), { EX: 300 });
  await sendOtpEmail(req.body.email, code);
  res.sendStatus(204);
});`;

const SHARED_CACHE_EXAMPLE = `import { createCache } from "cache-manager";
import { Keyv } from "keyv";
import KeyvRedis from "@keyv/redis";

export const profileCache = createCache({
  stores: [new Keyv({ store: new KeyvRedis(process.env.REDIS_URL) })],
  ttl: 60_000,
});`;

const NEST_EXAMPLE = `import { CacheModule } from "@nestjs/cache-manager";
import { Keyv } from "keyv";
import KeyvRedis from "@keyv/redis";

CacheModule.registerAsync({
  isGlobal: true,
  useFactory: () => ({
    stores: [new Keyv({ store: new KeyvRedis(process.env.REDIS_URL) })],
  }),
});`;

const CACHE_PACKAGES = listCachePackages();

export const memoryCache: Detector = {
  meta: {
    id: "memory-cache",
    title: "Disallow in-process caches that hold per-user data",
    description:
      "An in-process cache keyed by user, session or token is a per-replica store: entries that exist only there vanish when a request reaches another replica or the process restarts, and copies of stored data go stale per replica.",
    defaultSeverity: "high",
    fix: "Keep per-user entries in Redis with an expiry, or give the cache a shared store (cache-manager or Keyv with @keyv/redis); keep in-process caches for shared data such as configuration or catalogues.",
    docsUrl: getDocsUrl("memory-cache"),
  },
  detect(context) {
    const { file } = context;
    if (!file.importsPackage(CACHE_PACKAGES)) return;
    const constructions: (ts.CallExpression | ts.NewExpression)[] = [
      ...file.walk.newExpressions,
      ...file.walk.calls,
    ];
    for (const node of constructions) {
      const label = recognizeCache(file, node);
      if (label) checkCache(context, node, label);
      else if (ts.isCallExpression(node) && isMemoryCacheModule(file, node))
        checkNestCacheModule(context, node);
    }
    checkMemoryCacheSingleton(context);
  },
};

function checkCache(
  context: DetectorContext,
  node: ts.CallExpression | ts.NewExpression,
  label: string,
): void {
  const { file, project } = context;
  // A cache built per request dies with the request.
  if (file.isInRequestScope(node)) return;
  const binding = findBinding(file, node);
  if (!binding) return;
  const sites = listUseSites(file, project, binding);
  reportJudgement(context, node, label, describeBinding(binding), sites);
}

/** Reports the `memory-cache` module itself, a process-wide cache (`require("memory-cache").put(k, v)`), by its use. */
function checkMemoryCacheSingleton(context: DetectorContext): void {
  const { file, project } = context;
  for (const binding of file.imports) {
    if (binding.module !== "memory-cache" || binding.factoryCall) continue;
    if (binding.imported !== "*" && binding.imported !== "default") continue;
    if (!ts.isIdentifier(binding.node)) continue;
    const declaration = file.scopes.resolve(binding.node);
    if (!declaration) continue;

    const location = findImportLocation(binding.node);
    const sites = listUseSites(file, project, {
      kind: "variable",
      declaration,
    });
    reportJudgement(
      context,
      location,
      "memory-cache",
      `\`${binding.local}\``,
      sites,
    );
  }
}

/** Returns the `require(...)` call or the import declaration that binds a name. */
function findImportLocation(name: ts.Identifier): ts.Node {
  let current: ts.Node = name;
  while (current.parent && !ts.isSourceFile(current.parent)) {
    if (ts.isImportDeclaration(current)) return current;
    if (ts.isVariableDeclaration(current))
      return current.initializer ?? current;
    current = current.parent;
  }
  return current;
}

function checkNestCacheModule(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const sites = listCacheManagerSites(context.project);
  reportJudgement(
    context,
    call,
    "CacheModule without stores",
    "The Nest cache manager",
    sites,
    NEST_EXAMPLE,
  );
}

function describeBinding(binding: Binding): string {
  if (binding.kind === "variable") return `\`${binding.declaration.name}\``;
  if (binding.kind === "field") return `\`${binding.name}\``;
  return "The exported cache";
}

function reportJudgement(
  context: DetectorContext,
  node: ts.Node,
  label: string,
  subject: string,
  sites: readonly UseSite[],
  sharedExample = SHARED_CACHE_EXAMPLE,
): void {
  const { file } = context;
  const judgement = judgeCacheUse(listMethodCalls(sites));
  if (!judgement) return;

  const site = describeRequestSite(
    judgement.evidence.file,
    judgement.evidence.call,
  );
  const relatedNodes = judgement.calls
    .filter((call) => call.file === file)
    .map((call) => call.call);
  const highFix =
    "Keep the entry in Redis with an expiry (`SET otp:<userId> <value> EX <seconds>`) or in a database row, or give the cache a shared store such as Keyv with @keyv/redis, so every replica reads the same entry.";

  context.report({
    node,
    message: describeJudgement(subject, label, site, judgement),
    why: judgement.kind === "read-copy" ? READ_COPY_WHY : ONLY_COPY_WHY,
    fix:
      judgement.kind === "read-copy"
        ? "Move the cache to a shared store (cache-manager or Keyv with @keyv/redis) and delete the user's key when their data changes, or keep a short TTL if stale reads are acceptable."
        : highFix,
    example: judgement.kind === "read-copy" ? sharedExample : REDIS_EXAMPLE,
    severity: judgement.kind === "read-copy" ? "low" : "high",
    relatedNodes,
  });
}

function describeJudgement(
  subject: string,
  label: string,
  site: string,
  judgement: CacheJudgement,
): string {
  const cache = `${subject} is an in-process cache (${label})`;
  if (judgement.kind === "only-copy") {
    return `${cache}, written from ${site} with a per-user key, and that code saves the value nowhere else, so this cache holds its only copy.`;
  }
  if (judgement.kind === "miss-rejects") {
    return `${cache}, and ${site} responds to a miss for a per-user key with a rejection (401, 404 or "expired") instead of reloading the entry, so the cache is the only source of that data.`;
  }
  return `${cache} that keeps per-user copies of stored data, written from ${site}, so each replica holds its own copy.`;
}
