import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import {
  findEnclosingFunction,
  getCalleeName,
  unwrapExpression,
  type FunctionNode,
} from "../../engine/ast/nodes.js";

/** Global functions that run a callback later, once or repeatedly. */
export const TIMER_FUNCTIONS = new Set([
  "setTimeout",
  "setInterval",
  "setImmediate",
  "nextTick",
  "queueMicrotask",
]);

/** Modules whose `setTimeout` returns a promise: an awaited sleep, not a job. */
const PROMISE_TIMER_MODULES = ["timers/promises", "node:timers/promises"];

/** True for a call of the global timer functions (`setTimeout`, `global.setTimeout`, `timers.setTimeout`). */
export function isTimerCall(
  file: FileFacts,
  call: ts.CallExpression,
  names: ReadonlySet<string> = TIMER_FUNCTIONS,
): boolean {
  const name = getCalleeName(call);
  if (!name || !names.has(name)) return false;
  const callee = unwrapExpression(call.expression);
  if (ts.isIdentifier(callee)) {
    const symbol = file.resolveSymbol(callee);
    if (symbol) return !PROMISE_TIMER_MODULES.includes(symbol.module);
    return file.scopes.resolve(callee) === undefined;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const symbol = file.resolveSymbol(callee);
    if (symbol) return !PROMISE_TIMER_MODULES.includes(symbol.module);
    return /^(global|globalThis|window|process|timers)$/.test(
      callee.expression.getText(),
    );
  }
  return false;
}

/**
 * Lists the functions a file runs from timers: callbacks passed to
 * `setInterval`, `setTimeout` and friends (inline or by name), and the
 * local functions those callbacks call, one level deep.
 */
export function listTimerCallbacks(file: FileFacts): Set<FunctionNode> {
  const callbacks = new Set<FunctionNode>();
  for (const call of file.walk.calls) {
    if (!isTimerCall(file, call)) continue;
    const callback = call.arguments[0];
    const target = callback && file.resolveFunction(callback);
    if (target) callbacks.add(target);
  }
  for (const call of file.walk.calls) {
    if (!isInside(call, callbacks)) continue;
    const target = file.resolveFunction(call.expression);
    if (target) callbacks.add(target);
  }
  return callbacks;
}

/** True when the node sits inside one of the functions. */
export function isInside(
  node: ts.Node,
  functions: ReadonlySet<FunctionNode>,
): boolean {
  let current = findEnclosingFunction(node);
  while (current) {
    if (functions.has(current)) return true;
    current = findEnclosingFunction(current);
  }
  return false;
}

/** Multipliers of the duration units that `ms`-style strings use. */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Evaluates a delay in milliseconds when it is a constant: numbers,
 * arithmetic on them, constants declared in the file, and `ms("1d")`.
 * Returns undefined for delays computed at run time.
 */
export function evaluateDelay(
  file: FileFacts,
  expression: ts.Expression | undefined,
  depth = 4,
): number | undefined {
  if (!expression || depth < 0) return undefined;
  const value = unwrapExpression(expression);
  if (ts.isNumericLiteral(value)) return Number(value.text.replace(/_/g, ""));
  if (ts.isBinaryExpression(value)) {
    const left = evaluateDelay(file, value.left, depth - 1);
    const right = evaluateDelay(file, value.right, depth - 1);
    if (left === undefined || right === undefined) return undefined;
    switch (value.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskToken:
        return left * right;
      case ts.SyntaxKind.PlusToken:
        return left + right;
      case ts.SyntaxKind.MinusToken:
        return left - right;
      case ts.SyntaxKind.SlashToken:
        return right === 0 ? undefined : left / right;
      default:
        return undefined;
    }
  }
  if (ts.isIdentifier(value)) {
    const declaration = file.scopes.resolve(value);
    if (declaration?.kind !== "const" || !declaration.initializer)
      return undefined;
    return evaluateDelay(file, declaration.initializer, depth - 1);
  }
  if (ts.isCallExpression(value) && getCalleeName(value) === "ms") {
    const argument = value.arguments[0];
    const match =
      argument && ts.isStringLiteralLike(argument)
        ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\w*\s*$/i.exec(argument.text)
        : null;
    if (!match) return undefined;
    return Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
  }
  return undefined;
}

/** Formats a delay for messages: "24 h", "15 min", "30 s". */
export function formatDelay(milliseconds: number): string {
  if (milliseconds >= 86_400_000 && milliseconds % 86_400_000 === 0)
    return `${milliseconds / 86_400_000} d`;
  if (milliseconds >= 3_600_000) return `${round(milliseconds / 3_600_000)} h`;
  if (milliseconds >= 60_000) return `${round(milliseconds / 60_000)} min`;
  return `${round(milliseconds / 1000)} s`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
