import { ts } from "ts-morph";

import {
  findEnclosingFunction,
  getObjectPropertyValue,
  getStringValue,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { DetectorContext, Suggestion } from "../../types.js";
import {
  describeAuthMount,
  GUESSING_CLAUSE,
  isAuthText,
} from "./auth-guard.js";
import { isFlexibleSymbol, traceLimiterUsage } from "./flexible-limiters.js";
import { RATE_LIMIT_WHY, RATE_LIMIT_WHY_AUTH } from "./rate-limit-text.js";
import {
  describeRequestSite,
  getFunctionName,
  listEnclosingMounts,
} from "./request-site.js";
import type { MethodCall } from "./use-sites.js";

const FLEXIBLE_EXAMPLE = `import { RateLimiterRedis } from "rate-limiter-flexible";
import Redis from "ioredis";

const redisClient = new Redis(process.env.REDIS_URL, {
  enableOfflineQueue: false,
});

const loginLimiter = new RateLimiterRedis({
  storeClient: redisClient,
  keyPrefix: "rl:login",
  points: 5,
  duration: 15 * 60,
});`;

/** Memory-backed limiter classes of rate-limiter-flexible, with what each shares. */
const MEMORY_LIMITERS = [
  { name: "RateLimiterMemory", scope: "counts in this process's memory" },
  {
    name: "RateLimiterCluster",
    scope: "shares counters only between the cluster workers of one host",
  },
] as const;

/**
 * Reports `new RateLimiterMemory(...)` and `new RateLimiterCluster(...)`
 * whose counting methods run while serving requests. A limiter that is only
 * another limiter's `insuranceLimiter` is the package's intended local
 * fallback and is not reported.
 */
export function reportFlexibleLimiter(
  context: DetectorContext,
  expression: ts.NewExpression,
): void {
  const { file, project } = context;
  const limiter = MEMORY_LIMITERS.find((candidate) =>
    isFlexibleSymbol(file, expression.expression, candidate.name),
  );
  if (!limiter) return;

  const usage = traceLimiterUsage(file, project, expression);
  if (usage.counts.length === 0) return;

  const name = findHolderName(expression);
  const guarded = findFlexibleGuard(expression, name, usage.counts);
  const [first] = usage.counts;
  const site = first ? describeRequestSite(first.file, first.call) : "";
  const subject = name
    ? `\`${name}\` is a ${limiter.name}`
    : `A ${limiter.name}`;
  const usageText = `${subject}, which ${limiter.scope}, and it is consumed from ${site}.`;
  const message = guarded ? `${usageText} ${guarded}` : usageText;

  context.report({
    node: expression,
    message,
    why: guarded ? RATE_LIMIT_WHY_AUTH : RATE_LIMIT_WHY,
    fix: "Use `new RateLimiterRedis({ storeClient: redisClient, keyPrefix, points, duration })` so every replica counts in the same Redis keys; a RateLimiterMemory may stay as its `insuranceLimiter` for Redis outages.",
    example: FLEXIBLE_EXAMPLE,
    severity: guarded ? "high" : "medium",
    suggestion:
      limiter.name === "RateLimiterMemory"
        ? suggestRedisLimiter(file, expression)
        : undefined,
    relatedNodes: usage.counts
      .filter((count) => count.file === file)
      .map((count) => count.call),
  });
}

function findHolderName(expression: ts.NewExpression): string | undefined {
  const parent = expression.parent;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) &&
    ts.isIdentifier(parent.name)
  ) {
    return parent.name.text;
  }
  if (
    ts.isBinaryExpression(parent) &&
    ts.isPropertyAccessExpression(parent.left)
  ) {
    return parent.left.name.text;
  }
  return undefined;
}

/** Finds the auth endpoint a limiter guards: its name, `keyPrefix`, or the routes and functions that consume it. */
function findFlexibleGuard(
  expression: ts.NewExpression,
  name: string | undefined,
  counts: readonly MethodCall[],
): string | undefined {
  for (const count of counts) {
    const mounted = describeAuthMount(
      listEnclosingMounts(count.file, count.call),
    );
    if (mounted) return mounted;
  }
  if (name && isAuthText(name))
    return `Its name says it guards sign-in or one-time codes, ${GUESSING_CLAUSE}.`;

  const options = expression.arguments?.[0];
  const literal = options && unwrapExpression(options);
  if (literal && ts.isObjectLiteralExpression(literal)) {
    const prefix = getStringValue(getObjectPropertyValue(literal, "keyPrefix"));
    if (prefix && isAuthText(prefix))
      return `Its key prefix \`${prefix}\` says it guards sign-in or one-time codes, ${GUESSING_CLAUSE}.`;
  }
  for (const count of counts) {
    const fn = findEnclosingFunction(count.call);
    const caller = fn ? getFunctionName(fn) : undefined;
    if (caller && isAuthText(caller))
      return `It is consumed in \`${caller}\`, ${GUESSING_CLAUSE}.`;
  }
  return undefined;
}

/**
 * Suggests switching a multi-line `new RateLimiterMemory({` to
 * `RateLimiterRedis` with a `storeClient` line, when the first option sits
 * on the next line (the suggestion replaces exactly those two lines).
 */
function suggestRedisLimiter(
  file: FileFacts,
  expression: ts.NewExpression,
): Suggestion | undefined {
  const callee = unwrapExpression(expression.expression);
  if (!ts.isIdentifier(callee) || callee.text !== "RateLimiterMemory")
    return undefined;
  const options = expression.arguments?.[0];
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const first = options.properties[0];
  if (!first) return undefined;

  const line = file.getLine(callee);
  if (file.getLine(first) !== line + 1 || file.getLine(options) !== line)
    return undefined;
  const lines = file.text.split(/\r?\n/);
  const newLine = lines[line - 1];
  const firstLine = lines[line];
  if (newLine === undefined || firstLine === undefined) return undefined;
  if (newLine.split("RateLimiterMemory").length !== 2) return undefined;

  const indent = /^\s*/.exec(firstLine)?.[0] ?? "";
  return {
    startLine: line,
    endLine: line + 1,
    replacement: `${newLine.replace("RateLimiterMemory", "RateLimiterRedis")}\n${indent}storeClient: redisClient,\n${firstLine}`,
  };
}
