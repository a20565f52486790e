import { ts } from "ts-morph";

import { getPropertyName } from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import {
  climbWrappers,
  findBinding,
  getMethodCall,
  listUseSites,
  type MethodCall,
  type UseSite,
} from "./use-sites.js";

const FLEXIBLE_MODULE = "rate-limiter-flexible";

/** Methods that count or block a key, and so make a limiter enforce a limit. */
const COUNTING_METHODS = new Set([
  "consume",
  "penalty",
  "block",
  "removeTokens",
]);

/** The uses of a rate-limiter-flexible limiter across the run. */
export interface LimiterUsage {
  /** Counting calls made while serving requests, possibly through a wrapper. */
  counts: MethodCall[];
  /** True when the limiter is passed as another limiter's `insuranceLimiter`. */
  insurance: boolean;
}

/** True when the expression names an export of rate-limiter-flexible or one of its `lib/` files. */
export function isFlexibleSymbol(
  file: FileFacts,
  expression: ts.Expression,
  name: string,
): boolean {
  const symbol = file.resolveSymbol(expression);
  if (!symbol) return false;
  if (symbol.module === FLEXIBLE_MODULE)
    return symbol.path.length === 1 && symbol.path[0] === name;
  const deep = /^rate-limiter-flexible\/lib\/(\w+)(\.js)?$/.exec(symbol.module);
  return deep?.[1] === name && symbol.path.length === 0;
}

/** True when a `new` expression builds any class of rate-limiter-flexible. */
function isFlexibleConstruction(
  file: FileFacts,
  node: ts.Node,
): node is ts.NewExpression {
  if (!ts.isNewExpression(node)) return false;
  const symbol = file.resolveSymbol(node.expression);
  return (
    symbol !== undefined &&
    (symbol.module === FLEXIBLE_MODULE ||
      symbol.module.startsWith(`${FLEXIBLE_MODULE}/`))
  );
}

/**
 * Follows a limiter construction to the calls that count with it: on its
 * variable, field or export, and through wrappers of the same package
 * (`RateLimiterQueue`, `RLWrapperBlackAndWhite`, `RateLimiterUnion`) one
 * level deep.
 */
export function traceLimiterUsage(
  file: FileFacts,
  project: ProjectFacts,
  construction: ts.Node,
  depth = 1,
): LimiterUsage {
  const usage: LimiterUsage = { counts: [], insurance: false };
  const direct: UseSite = { file, node: construction as ts.Expression };
  if (isInsuranceOption(direct.node)) {
    usage.insurance = true;
    return usage;
  }
  const wrapper = findWrappingConstruction(file, direct.node);
  if (wrapper) {
    if (depth > 0)
      mergeUsage(usage, traceLimiterUsage(file, project, wrapper, depth - 1));
    return usage;
  }

  const binding = findBinding(file, construction);
  if (!binding) return usage;
  for (const site of listUseSites(file, project, binding)) {
    if (isInsuranceOption(site.node)) {
      usage.insurance = true;
      continue;
    }
    const siteWrapper = findWrappingConstruction(site.file, site.node);
    if (siteWrapper) {
      if (depth > 0)
        mergeUsage(
          usage,
          traceLimiterUsage(site.file, project, siteWrapper, depth - 1),
        );
      continue;
    }
    const call = getMethodCall(site);
    if (!call || !COUNTING_METHODS.has(call.method)) continue;
    const servesRequests =
      site.file.isInRequestScope(call.call) ||
      site.file.isPrincipal(call.call.arguments[0]);
    if (servesRequests) usage.counts.push(call);
  }
  return usage;
}

function mergeUsage(target: LimiterUsage, source: LimiterUsage): void {
  target.counts.push(...source.counts);
  target.insurance ||= source.insurance;
}

/** True when the expression is the value of an `insuranceLimiter` option. */
function isInsuranceOption(node: ts.Expression): boolean {
  const value = climbWrappers(node);
  const parent = value.parent;
  if (!parent) return false;
  if (ts.isPropertyAssignment(parent) && parent.initializer === value)
    return getPropertyName(parent.name) === "insuranceLimiter";
  return (
    ts.isShorthandPropertyAssignment(parent) &&
    parent.name.text === "insuranceLimiter"
  );
}

/**
 * Returns the rate-limiter-flexible construction the expression is passed
 * to, directly (`new RateLimiterQueue(limiter)`) or as an option value
 * (`new RLWrapperBlackAndWhite({ limiter })`).
 */
function findWrappingConstruction(
  file: FileFacts,
  node: ts.Expression,
): ts.NewExpression | undefined {
  let current: ts.Node = climbWrappers(node);
  if (
    current.parent &&
    (ts.isPropertyAssignment(current.parent) ||
      ts.isShorthandPropertyAssignment(current.parent))
  ) {
    current = current.parent.parent;
  } else if (current.parent && ts.isArrayLiteralExpression(current.parent)) {
    current = current.parent;
  }
  const parent = current.parent;
  if (!parent || !isFlexibleConstruction(file, parent)) return undefined;
  return parent.arguments?.some((argument) => argument === current)
    ? parent
    : undefined;
}
