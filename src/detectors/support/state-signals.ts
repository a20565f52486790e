import { ts } from "ts-morph";

import type { Declaration } from "../../engine/ast/scope.js";
import {
  findEnclosingFunction,
  getCalleeName,
  getPropertyName,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import { describeValue, type PrincipalEvidence } from "./state-evidence.js";
import type { ContainerWrite } from "./state-writes.js";

/** Methods that read a container by key or search it. */
const READ_METHODS = new Set([
  "get",
  "has",
  "includes",
  "find",
  "findIndex",
  "some",
  "indexOf",
  "filter",
]);

/** A read of a container outside the functions that write it. */
export interface ReadBack {
  node: ts.Node;
  /** Tie of the read's key to the user, if any. */
  keyEvidence?: PrincipalEvidence;
  /** True when the read sits in a `passport.deserializeUser` callback. */
  inDeserializeUser: boolean;
}

/** Lists reads of a container by key or search, in functions that do not write it. */
export function listReadBacks(
  file: FileFacts,
  declaration: Declaration,
  writes: readonly ContainerWrite[],
): ReadBack[] {
  const writers = new Set(
    writes
      .filter((write) => write.file === file)
      .map((write) => findEnclosingFunction(write.node)),
  );
  const reads: ReadBack[] = [];
  for (const reference of file.listReferences(declaration)) {
    const reader = findEnclosingFunction(reference);
    if (!reader || writers.has(reader)) continue;
    const key = getReadKey(reference);
    if (key === undefined) continue;
    reads.push({
      node: reference,
      keyEvidence: key ? describeValue(file, key).principal : undefined,
      inDeserializeUser: isInCallback(reference, "deserializeUser"),
    });
  }
  return reads;
}

/**
 * Returns the key of a keyed read (`m.get(k)`, `m[k]`, `k in m`, the
 * callback of `list.find(cb)`), `null` for a keyless search, and
 * undefined when the reference is not a read.
 */
function getReadKey(
  reference: ts.Identifier,
): ts.Expression | null | undefined {
  const parent = reference.parent;
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === reference &&
    READ_METHODS.has(parent.name.text) &&
    ts.isCallExpression(parent.parent) &&
    parent.parent.expression === parent
  ) {
    return parent.parent.arguments[0] ?? null;
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === reference)
    return parent.argumentExpression;
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === reference &&
    parent.operatorToken.kind === ts.SyntaxKind.InKeyword
  ) {
    return parent.left;
  }
  return undefined;
}

function isInCallback(node: ts.Node, calleeName: string): boolean {
  let fn = findEnclosingFunction(node);
  while (fn) {
    const parent = fn.parent;
    if (ts.isCallExpression(parent) && getCalleeName(parent) === calleeName)
      return true;
    fn = findEnclosingFunction(fn);
  }
  return false;
}

const EXPIRY_PROPERTY =
  /^(expires?(At|In|On)?|expiry|expiration|exp|ttl|validUntil|createdAt|issuedAt|timestamp|lastSeen|lastActivity)$/i;

/**
 * True when entries carry an expiry (`{ code, expiresAt }`) or a timer
 * prunes the container: bookkeeping that only per-user, short-lived
 * entries need.
 */
export function hasExpiryBookkeeping(
  writes: readonly ContainerWrite[],
): boolean {
  for (const write of writes) {
    for (const value of write.values) {
      if (hasExpiryProperty(value)) return true;
    }
    if (write.depth === undefined && isInTimerCallback(write.node)) {
      const method = write.method;
      if (
        write.operation === "delete" ||
        write.operation === "reassign" ||
        method === "delete" ||
        method === "splice" ||
        method === "clear"
      ) {
        return true;
      }
    }
  }
  return false;
}

function hasExpiryProperty(value: ts.Expression): boolean {
  const object = unwrapExpression(value);
  if (!ts.isObjectLiteralExpression(object)) return false;
  return object.properties.some((property) => {
    const name = property.name ? getPropertyName(property.name) : undefined;
    return name !== undefined && EXPIRY_PROPERTY.test(name);
  });
}

function isInTimerCallback(node: ts.Node): boolean {
  const fn = findEnclosingFunction(node);
  const parent = fn?.parent;
  if (!parent || !ts.isCallExpression(parent)) return false;
  const name = getCalleeName(parent);
  return name === "setInterval" || name === "setTimeout";
}

/** True when a comment at the declaration calls the store in-memory or mentions Redis, a database or a demo. */
export function hasInMemoryComment(
  file: FileFacts,
  declaration: Declaration,
): boolean {
  const statement = declaration.node.parent?.parent ?? declaration.node;
  const text = file.text;
  const ranges = [
    ...(ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []),
    ...(ts.getTrailingCommentRanges(text, statement.getEnd()) ?? []),
  ];
  return ranges.some((range) =>
    /in[- ]?memory|redis|in production|database|\bdb\b|demo|temporar|for now|persist/i.test(
      text.slice(range.pos, range.end),
    ),
  );
}

/**
 * True for a cache-aside write: the writing function reads the container
 * first and stores a value it awaited (a database or API result), so the
 * container is a copy that any replica can rebuild. A container named as a
 * cache needs only the read first, because it stores values it can
 * recompute, such as verified token claims.
 */
export function isCacheAsideWrite(
  file: FileFacts,
  declaration: Declaration,
  write: ContainerWrite,
  namedCache: boolean,
): boolean {
  if (write.file !== file) return false;
  // Appending to a list or set is a record of its own, never a cached
  // copy of a keyed lookup.
  if (write.method && APPEND_METHODS.has(write.method)) return false;
  if (!namedCache && !write.values.some((value) => isAwaitedValue(file, value)))
    return false;
  const writer = findEnclosingFunction(write.node);
  return file.listReferences(declaration).some((reference) => {
    if (findEnclosingFunction(reference) !== writer) return false;
    const key = getReadKey(reference);
    return key !== undefined;
  });
}

const APPEND_METHODS = new Set(["push", "unshift", "add"]);

function isAwaitedValue(file: FileFacts, value: ts.Expression): boolean {
  const expression = unwrapExpression(value);
  if (containsAwait(expression)) return true;
  if (!ts.isIdentifier(expression)) return false;
  const declaration = file.scopes.resolve(expression);
  return (
    declaration !== undefined &&
    !file.isModuleLevel(declaration) &&
    declaration.initializer !== undefined &&
    containsAwait(declaration.initializer)
  );
}

function containsAwait(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node)) return true;
  if (ts.isFunctionLike(node)) return false;
  return (
    ts.forEachChild(node, (child) => containsAwait(child) || undefined) ?? false
  );
}

/** Modules that carry events between replicas: Socket.IO adapters and Redis-backed pub/sub. */
const FAN_OUT_MODULES = [
  "@socket.io/redis-adapter",
  "@socket.io/redis-streams-adapter",
  "@socket.io/mongo-adapter",
  "@socket.io/postgres-adapter",
  "socket.io-redis",
  "graphql-redis-subscriptions",
];

const PUBSUB_CLIENT_MODULES = [
  "redis",
  "ioredis",
  "@redis/client",
  "@upstash/redis",
  "nats",
  "amqplib",
];
const FAN_OUT_TOKENS = [...FAN_OUT_MODULES, ...PUBSUB_CLIENT_MODULES].map(
  (module) => `module:${module}`,
);

/**
 * True when a file connected to `from` by imports forwards events between replicas (a
 * Socket.IO adapter, or a Redis/NATS/AMQP subscription), so a local
 * registry of connections is only the last hop of a shared delivery path.
 */
export function hasSharedFanOut(
  project: ProjectFacts,
  from: FileFacts,
): boolean {
  return project
    .listConnectedFiles(from, FAN_OUT_TOKENS)
    .some(
      (file) =>
        file.importsAny(FAN_OUT_MODULES) ||
        (file.importsAny(PUBSUB_CLIENT_MODULES) &&
          file.walk.calls.some((call) =>
            /^(subscribe|psubscribe|pSubscribe|sSubscribe|consume)$/.test(
              getCalleeName(call) ?? "",
            ),
          )),
    );
}
