import { ts } from "ts-morph";

import {
  findEnclosingFunction,
  isFunctionNode,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import { climbWrappers, type MethodCall } from "./use-sites.js";
import {
  isComputedFrom,
  isDataCall,
  isGeneratedValue,
  isPersistedNearby,
  traceValueSource,
  type ValueSource,
} from "./value-source.js";

/** Cache methods that store an entry under a key given as the first argument. */
const WRITE_METHODS = new Set(["set", "put", "setItem"]);
/** Cache methods that fill the entry from a loader on a miss, which is cache-aside by construction. */
const LOADING_METHODS = new Set(["wrap", "fetch", "memoize"]);
const READ_METHODS = new Set(["get", "has", "peek", "take", "getItem"]);

/** Per-user keys: request principals, user or token variables, and `user:`-style prefixes. */
const USER_KEY_TEXT =
  /\b(req|request|ctx|context)\??\.(session|sessionID|sessionId|user|auth|cookies|signedCookies)\b|\b(user|userId|user_id|uid|sessionId|session_id|sid|session|token|accessToken|refreshToken|resetToken|jti|otp|email|phone|phoneNumber|username|accountId|customerId|memberId|currentUser|sub|principal|nonce|visitorId|deviceId|socketId)\b|\b(socket|client)\.id\b/i;
/** Client addresses: per-client keys, but a cache of data looked up by address (geo data) is shared data. */
const ADDRESS_KEY_TEXT =
  /\b(req|request|ctx|context)\??\.(ip|ips)\b|\b(clientIp|ipAddress|remoteAddress)\b/i;
const USER_KEY_PREFIX =
  /^(users?|sessions?|sess|sid|tokens?|refresh|otp|reset|verify|verification|magic|login|auth|cart|profile|account|me|code)[:_\-./]/i;

/** Status codes and words of a response that rejects a request. */
const REJECTION_TEXT =
  /\b(401|403|404|410|419|440)\b|\b(Unauthorized|NotFound|Forbidden|Gone)\w*(Exception|Error)\b|["'`][^"'`]*(expired|invalid|not found|unauthori[sz]ed|forbidden)[^"'`]*["'`]/i;

/** The verdict on the data a cache keeps, drawn from how request code uses it. */
export interface CacheJudgement {
  /** `only-copy`: per-user data lives only here; `read-copy`: per-user copies of stored data. */
  kind: "only-copy" | "miss-rejects" | "read-copy";
  /** The call that shows it. */
  evidence: MethodCall;
  /** All per-user writes and rejecting reads, for related lines. */
  calls: MethodCall[];
}

/**
 * Judges how a cache is used from its method calls. Only per-user use in
 * request code counts: a write with a per-user key whose value the request
 * created (`only-copy`), a per-user read whose miss gets a 401, 404 or
 * "expired" response (`miss-rejects`), or per-user writes of stored data
 * (`read-copy`). Caches of shared data, or written only at start-up,
 * return undefined. Values recomputable from the key, and lookups by
 * client address, are not per-user state.
 */
export function judgeCacheUse(
  calls: readonly MethodCall[],
): CacheJudgement | undefined {
  const userWrites: { call: MethodCall; source: WriteSource }[] = [];
  for (const call of calls) {
    if (!WRITE_METHODS.has(call.method) && !LOADING_METHODS.has(call.method))
      continue;
    if (!call.file.isInRequestScope(call.call)) continue;
    const key = getKeyKind(call.file, call.call.arguments[0]);
    if (!key) continue;
    const source = getWrittenSource(call);
    // An address key counts only for entries the request creates, such as
    // attempt counters; a lookup by address (geo data) is shared data.
    if (source === "derived" || (key === "address" && source !== "created"))
      continue;
    userWrites.push({ call, source });
  }
  const [firstWrite] = userWrites;
  if (!firstWrite) return undefined;

  const rejectingReads = calls.filter(
    (call) =>
      READ_METHODS.has(call.method) &&
      call.file.isInRequestScope(call.call) &&
      getKeyKind(call.file, call.call.arguments[0]) !== undefined &&
      isMissRejected(call.file, call.call),
  );
  const related = [...userWrites.map((write) => write.call), ...rejectingReads];

  const created = userWrites.find((write) => write.source === "created");
  if (created)
    return { kind: "only-copy", evidence: created.call, calls: related };
  const [rejected] = rejectingReads;
  if (rejected)
    return { kind: "miss-rejects", evidence: rejected, calls: related };
  return { kind: "read-copy", evidence: firstWrite.call, calls: related };
}

/** The origin of a written value. `derived` is recomputable from the key alone, as a verified token is. */
type WriteSource = ValueSource | "derived";

/**
 * Decides whether a per-user write stores a copy of data kept elsewhere:
 * saved in the same function, read from a database or API, or filled by a
 * loader. A key generated in the request (a new session token or code)
 * makes the entry new data even when its value was read from the database.
 */
function getWrittenSource(write: MethodCall): WriteSource {
  if (LOADING_METHODS.has(write.method)) return "stored";
  const [key, value] = write.call.arguments;
  const callee = unwrapExpression(write.call.expression);
  const receiver = ts.isPropertyAccessExpression(callee)
    ? callee.expression.getText(write.file.sourceFile)
    : "";
  if (isPersistedNearby(write.file, write.call, receiver)) return "stored";
  if (key && isGeneratedValue(write.file, key)) return "created";
  if (!value) return "unknown";
  if (key && isComputedFrom(write.file, value, key)) return "derived";
  return traceValueSource(write.file, value);
}

/**
 * Classifies a cache key: `user` for users, sessions and tokens (a
 * principal such as `req.user.id`, a user or token variable, or a
 * `user:`-style prefix), `address` for a client address, else undefined.
 */
export function getKeyKind(
  file: FileFacts,
  key: ts.Expression | undefined,
): "user" | "address" | undefined {
  if (!key) return undefined;
  const value = unwrapExpression(key);
  if (hasUserPrefix(value)) return "user";
  if (!file.isPrincipal(value)) return undefined;
  const text = expandText(file, value);
  if (USER_KEY_TEXT.test(text)) return "user";
  return ADDRESS_KEY_TEXT.test(text) ? "address" : undefined;
}

/** True for `` `session:${id}` `` and `"otp:" + email`: a per-user prefix on a computed key. */
function hasUserPrefix(key: ts.Expression): boolean {
  if (ts.isTemplateExpression(key)) return USER_KEY_PREFIX.test(key.head.text);
  if (
    ts.isBinaryExpression(key) &&
    key.operatorToken.kind === ts.SyntaxKind.PlusToken
  ) {
    const left = unwrapExpression(key.left);
    return ts.isStringLiteralLike(left) && USER_KEY_PREFIX.test(left.text);
  }
  return false;
}

/** Returns the text of an expression with the initializers of its local variables, two levels deep. */
function expandText(
  file: FileFacts,
  expression: ts.Expression,
  depth = 2,
): string {
  const parts = [expression.getText(file.sourceFile)];
  if (depth === 0) return parts[0]!;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const declaration = file.scopes.resolve(node);
      const source = declaration?.initializer ?? declaration?.patternSource;
      if (declaration && source && !ts.isSourceFile(declaration.scope))
        parts.push(expandText(file, source, depth - 1));
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return parts.join(" ");
}

/**
 * True when the request responds to a miss of this read with a rejection (401,
 * 404, "expired", an Unauthorized exception) instead of loading the data:
 * `if (!cache.get(key)) return res.status(401)...` or the same test on a
 * variable holding the read.
 */
function isMissRejected(file: FileFacts, read: ts.CallExpression): boolean {
  const fn = findEnclosingFunction(read);
  if (!fn?.body) return false;
  const tested = new Set<ts.Node>([climbWrappers(read)]);
  const holder = climbWrappers(read).parent;
  let holderName: string | undefined;
  if (
    holder &&
    ts.isVariableDeclaration(holder) &&
    ts.isIdentifier(holder.name)
  ) {
    holderName = holder.name.text;
  }

  let rejected = false;
  const visit = (node: ts.Node): void => {
    if (rejected || (isFunctionNode(node) && node !== fn)) return;
    if (
      ts.isIfStatement(node) &&
      testsRead(node.expression, tested, holderName)
    ) {
      if (isRejection(file, node.thenStatement)) rejected = true;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return rejected;
}

function testsRead(
  condition: ts.Expression,
  tested: ReadonlySet<ts.Node>,
  holderName: string | undefined,
): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (tested.has(node)) found = true;
    else if (holderName && ts.isIdentifier(node) && node.text === holderName)
      found = true;
    else ts.forEachChild(node, visit);
  };
  visit(condition);
  return found;
}

/** True when a branch rejects the request and does not load the data from elsewhere. */
function isRejection(file: FileFacts, branch: ts.Statement): boolean {
  if (!REJECTION_TEXT.test(branch.getText(file.sourceFile))) return false;
  let loads = false;
  const visit = (node: ts.Node): void => {
    if (loads) return;
    if (ts.isCallExpression(node) && isDataCall(node)) loads = true;
    ts.forEachChild(node, visit);
  };
  visit(branch);
  return !loads;
}
