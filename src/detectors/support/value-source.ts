import { ts } from "ts-morph";

import {
  findAccessRoot,
  findEnclosingFunction,
  getCalleeName,
  getDottedName,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";

/**
 * The origin of a cached value. `stored` means it was read from or written
 * to a database or API in the same code, and `created` means the request
 * code built it (request data, generated codes, literals). `unknown` means
 * it arrives as a parameter of a helper.
 */
export type ValueSource = "stored" | "created" | "unknown";

/** Method and function names that read from or write to a database or remote API. */
const DATA_CALL =
  /^(find\w*|fetch\w*|load\w*|read\w*|query\w*|select\w*|lookup\w*|retrieve\w*|search\w*|count\w*|aggregate|exec|execute|json|create\w*|save\w*|insert\w*|update\w*|upsert\w*|findUnique\w*|first|one|many|maybeSingle|single|request|axios|got)$/;
/** Receivers of a bare `get(...)` that read from a database, Redis or an HTTP API. */
const DATA_CLIENT =
  /axios|https?|got|\bky\b|superagent|api|client|repo|repository|service|\bdb\b|redis|prisma|knex|model/i;
/** Receivers of a bare `get(...)` that are in-process containers. */
const LOCAL_CONTAINER = /cache|map|memo|lru|store|registry|sessions/i;
/** `get...` names other than `get` count as data reads, except generators and `Date` getters. */
const GETTER_CALL = /^get[A-Z_]\w*$/;
const GENERATOR_WORD =
  /random|uuid|nonce|time|date|hours|minutes|seconds|day|month|year/i;

/** Names of calls that write a value to a database, Redis or a remote API. */
const PERSIST_CALL =
  /^(create\w*|save\w*|insert\w*|update\w*|upsert\w*|persist\w*|put\w*|write\w*|store\w*|set|setex|hset|hmset|setEx|query|execute|exec|\$executeRaw)$/;

/** Receivers whose methods respond to the request rather than read data. */
const RESPONSE_ROOTS = new Set([
  "req",
  "request",
  "res",
  "response",
  "reply",
  "ctx",
  "context",
  "h",
  "c",
]);

/** Calls that generate a fresh identifier or secret: tokens, codes, UUIDs, signatures. */
const GENERATOR_CALL =
  /^(sign|signAsync|randomUUID|randomBytes|randomInt|getRandomValues|uuid|uuidv4|v4|v7|nanoid|cuid|createId|ulid)$|random|^generate|^(create|issue|mint|make|new)\w*(Token|Otp|Code|Secret|Nonce|Key|Id|Pin|Password)$/i;

/**
 * True when a key is generated in this request (`crypto.randomUUID()`,
 * `jwt.sign(...)`, `generateOtp()`), directly or through local variables
 * and template parts, so the entry cannot be a copy of anything stored.
 */
export function isGeneratedValue(
  file: FileFacts,
  expression: ts.Expression,
  depth = 3,
): boolean {
  if (depth < 0) return false;
  const value = unwrapExpression(expression);
  if (ts.isAwaitExpression(value))
    return isGeneratedValue(file, value.expression, depth);
  if (ts.isCallExpression(value)) {
    if (isDataCall(value)) return false;
    let current: ts.Expression = value;
    while (ts.isCallExpression(current)) {
      const name = getCalleeName(current);
      if (name && GENERATOR_CALL.test(name)) return true;
      const callee = unwrapExpression(current.expression);
      if (!ts.isPropertyAccessExpression(callee)) break;
      current = unwrapExpression(callee.expression);
    }
    return false;
  }
  if (ts.isTemplateExpression(value))
    return value.templateSpans.some((span) =>
      isGeneratedValue(file, span.expression, depth - 1),
    );
  if (ts.isBinaryExpression(value))
    return (
      isGeneratedValue(file, value.left, depth - 1) ||
      isGeneratedValue(file, value.right, depth - 1)
    );
  if (ts.isIdentifier(value)) {
    const declaration = file.scopes.resolve(value);
    if (!declaration || ts.isSourceFile(declaration.scope)) return false;
    const source = declaration.initializer ?? declaration.patternSource;
    return source !== undefined && isGeneratedValue(file, source, depth - 1);
  }
  return false;
}

/** True when a call reads or writes stored data: `User.findById(id).lean()`, `await fetch(url)`. */
export function isDataCall(call: ts.CallExpression): boolean {
  const root = getCallRootName(call);
  if (root && RESPONSE_ROOTS.has(root)) return false;
  let current: ts.Expression = call;
  for (;;) {
    const value = unwrapExpression(current);
    if (ts.isAwaitExpression(value)) {
      current = value.expression;
      continue;
    }
    if (!ts.isCallExpression(value)) return false;
    const name = getCalleeName(value);
    const callee = unwrapExpression(value.expression);
    if (name === "get") {
      // `axios.get(url)` and `redis.get(key)` read stored data; `cache.get(key)` and `map.get(key)` do not.
      if (!ts.isPropertyAccessExpression(callee)) return false;
      const receiver = callee.expression.getText();
      return DATA_CLIENT.test(receiver) && !LOCAL_CONTAINER.test(receiver);
    }
    if (name && DATA_CALL.test(name)) return true;
    if (name && GETTER_CALL.test(name) && !GENERATOR_WORD.test(name))
      return true;
    if (name === "fetch") return true;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    current = callee.expression;
  }
}

/** Returns the identifier a call chain starts from: `res` for `res.status(401).json()`. */
export function getCallRootName(call: ts.CallExpression): string | undefined {
  let current: ts.Expression = call;
  for (;;) {
    const value = unwrapExpression(current);
    if (ts.isIdentifier(value)) return value.text;
    if (ts.isCallExpression(value)) current = value.expression;
    else if (
      ts.isPropertyAccessExpression(value) ||
      ts.isElementAccessExpression(value)
    )
      current = value.expression;
    else if (ts.isAwaitExpression(value)) current = value.expression;
    else return undefined;
  }
}

/**
 * Traces where a value comes from inside the function that writes it,
 * following local variables, property reads, object literals and the
 * parameter of a `.then(...)` callback.
 */
export function traceValueSource(
  file: FileFacts,
  expression: ts.Expression,
  depth = 4,
): ValueSource {
  if (depth < 0) return "unknown";
  const value = unwrapExpression(expression);

  if (ts.isAwaitExpression(value))
    return traceValueSource(file, value.expression, depth);
  if (ts.isCallExpression(value))
    return isDataCall(value) ? "stored" : "created";
  if (
    ts.isPropertyAccessExpression(value) ||
    ts.isElementAccessExpression(value)
  ) {
    return traceValueSource(file, value.expression, depth - 1);
  }
  if (ts.isObjectLiteralExpression(value)) {
    const parts = value.properties.map((property) => {
      if (ts.isPropertyAssignment(property))
        return traceValueSource(file, property.initializer, depth - 1);
      if (ts.isShorthandPropertyAssignment(property))
        return traceValueSource(file, property.name, depth - 1);
      if (ts.isSpreadAssignment(property))
        return traceValueSource(file, property.expression, depth - 1);
      return "created";
    });
    if (parts.includes("stored")) return "stored";
    return parts.includes("unknown") ? "unknown" : "created";
  }
  if (ts.isIdentifier(value)) return traceIdentifier(file, value, depth);
  return "created";
}

function traceIdentifier(
  file: FileFacts,
  identifier: ts.Identifier,
  depth: number,
): ValueSource {
  const declaration = file.scopes.resolve(identifier);
  if (!declaration) return "created";
  if (declaration.kind === "import" || ts.isSourceFile(declaration.scope))
    return "created";
  if (declaration.kind === "parameter") {
    const owner = declaration.scope;
    const call = owner.parent;
    if (
      call &&
      ts.isCallExpression(call) &&
      getCalleeName(call) === "then" &&
      ts.isPropertyAccessExpression(call.expression)
    ) {
      return traceValueSource(file, call.expression.expression, depth - 1);
    }
    // Request data (a handler's own parameters) is created per request; a
    // helper's parameter comes from a caller this analysis does not see.
    return file.requestScope.getDepth(owner) === 0 ? "created" : "unknown";
  }
  const source = declaration.initializer ?? declaration.patternSource;
  return source ? traceValueSource(file, source, depth - 1) : "created";
}

/**
 * True when the function around `write` also saves the written value to a
 * database, Redis or an API: a call such as `db.insert(...)` or
 * `redis.set(...)` whose arguments mention the value (or the key, when the
 * value is a literal).
 */
export function isPersistedNearby(
  file: FileFacts,
  write: ts.CallExpression,
  cacheReceiver: string,
): boolean {
  const fn = findEnclosingFunction(write);
  if (!fn) return false;
  // The value decides; a literal value (`denylist.set(jti, true)`) leaves the key.
  const [key, value] = write.arguments;
  let names = value ? collectReferenceNames([value]) : [];
  if (names.length === 0 && key) names = collectReferenceNames([key]);
  if (names.length === 0) return false;

  let persisted = false;
  const visit = (node: ts.Node): void => {
    if (persisted) return;
    if (ts.isCallExpression(node) && node !== write) {
      const name = getCalleeName(node);
      const callee = unwrapExpression(node.expression);
      const receiver = ts.isPropertyAccessExpression(callee)
        ? callee.expression.getText(file.sourceFile)
        : undefined;
      const root = getCallRootName(node);
      if (
        name &&
        PERSIST_CALL.test(name) &&
        receiver !== cacheReceiver &&
        !(root && RESPONSE_ROOTS.has(root))
      ) {
        const text = node.arguments
          .map((argument) => argument.getText(file.sourceFile))
          .join(" ");
        if (names.some((candidate) => mentions(text, candidate)))
          persisted = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return persisted;
}

/**
 * True when `value` is computed by a call on `source` alone, such as
 * `jwt.verify(token, secret)` cached under `token`: any replica can compute
 * it again, so the cache keeps no state. Generators (`jwt.sign(...)`) and
 * data reads are excluded.
 */
export function isComputedFrom(
  file: FileFacts,
  value: ts.Expression,
  source: ts.Expression,
  depth = 3,
): boolean {
  const names = collectReferenceNames([source]);
  if (names.length === 0 || depth < 0) return false;
  const current = unwrapExpression(value);
  if (ts.isAwaitExpression(current))
    return isComputedFrom(file, current.expression, source, depth);
  if (ts.isIdentifier(current)) {
    const declaration = file.scopes.resolve(current);
    if (!declaration || ts.isSourceFile(declaration.scope)) return false;
    // `let claims = cache.get(t); if (!claims) claims = verify(t);` assigns twice.
    const candidates = [
      declaration.initializer,
      ...file
        .listMutations(declaration)
        .filter((mutation) => mutation.kind === "reassign")
        .map((mutation) => mutation.value),
    ];
    return candidates.some(
      (candidate) =>
        candidate !== undefined &&
        isComputedFrom(file, candidate, source, depth - 1),
    );
  }
  if (!ts.isCallExpression(current) || isDataCall(current)) return false;
  const name = getCalleeName(current);
  if (name && GENERATOR_CALL.test(name)) return false;
  const text = current.arguments
    .map((argument) => argument.getText(file.sourceFile))
    .join(" ");
  return names.some((candidate) => mentions(text, candidate));
}

/** Lists the dotted names an expression refers to (`req.user.id`, `otp`), leaving out bare request objects. */
function collectReferenceNames(
  expressions: readonly ts.Expression[],
): string[] {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) || ts.isIdentifier(node)) {
      const parent = node.parent;
      const isInnerPart =
        ts.isPropertyAccessExpression(parent) && parent.expression === node;
      const isPropertyName =
        ts.isPropertyAccessExpression(parent) && parent.name === node;
      if (!isInnerPart && !isPropertyName) {
        const name = getDottedName(node);
        const root = findAccessRoot(node);
        if (
          name &&
          !(
            root &&
            ts.isIdentifier(root) &&
            name === root.text &&
            RESPONSE_ROOTS.has(name)
          )
        ) {
          names.add(name);
        }
      }
      if (ts.isPropertyAccessExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  for (const expression of expressions) visit(expression);
  return [...names];
}

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w$.])${escaped}($|[^\\w$])`).test(text);
}
