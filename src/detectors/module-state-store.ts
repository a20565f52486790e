import { ts } from "ts-morph";

import type { Declaration } from "../engine/ast/scope.js";
import { findEnclosingFunction } from "../engine/ast/nodes.js";
import type { FileFacts } from "../engine/facts/file-facts.js";
import type { Detector, DetectorContext, Severity } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import {
  describeValue,
  strongerEvidence,
  type PrincipalEvidence,
} from "./support/state-evidence.js";
import {
  getKindByName,
  getStateKind,
  isCacheName,
  isPerUserName,
  isQueueName,
  raiseSeverity,
  type StateKindId,
} from "./support/state-kinds.js";
import {
  findSharedVariable,
  isProcessLifetime,
  referencesDeclaration,
} from "./support/state-shared-variable.js";
import {
  hasExpiryBookkeeping,
  hasInMemoryComment,
  hasSharedFanOut,
  isCacheAsideWrite,
  listReadBacks,
  type ReadBack,
} from "./support/state-signals.js";
import {
  describeWriteSite,
  getFunctionName,
  isAuthFlow,
  isExportedFunction,
} from "./support/state-site.js";
import {
  getContainerType,
  listContainerWrites,
  type ContainerType,
  type ContainerWrite,
} from "./support/state-writes.js";

/** Kinds whose names leave no doubt that entries are per-user state, so a cache-aside shape does not excuse them. */
const DEFINITE_KINDS = new Set<StateKindId>([
  "session",
  "cart",
  "refresh",
  "denylist",
  "otp",
  "attempts",
  "sockets",
  "sse",
]);

/** Names of in-memory logs and metrics: process diagnostics, not user state. */
const DIAGNOSTIC_NAME =
  /logs?$|audit|errors$|metrics|stats|telemetry|analytics/i;

/** Methods whose argument is the entry itself, so it addresses the entry like a key. */
const MEMBERSHIP_METHODS = new Set(["add", "push", "unshift"]);

/** Handler parameters that are live connections rather than data. */
const RESPONSE_NAMES = /^(res|response|reply|stream|controller|writer)$/;
const SOCKET_NAMES = /^(socket|ws|client|conn|connection)$/;

/** One write judged for how it ties the container to users. */
interface JudgedWrite {
  write: ContainerWrite;
  evidence?: PrincipalEvidence;
  evidenceNode?: ts.Node;
  evidenceIsKey: boolean;
  connection?: "response" | "socket";
  counter: boolean;
}

export const moduleStateStore: Detector = {
  meta: {
    id: "module-state-store",
    title:
      "Disallow module-level collections that request handlers fill with per-user state",
    description:
      "A Map, Set, array or object created once per process and written by request handlers with per-user keys keeps sessions, carts, tokens or codes in one replica's memory, so other replicas never see them and a restart loses them.",
    defaultSeverity: "high",
    fix: "Move the entries to Redis keyed by user, session or token with an expiry, or to a database table.",
    docsUrl: getDocsUrl("module-state-store"),
  },
  detect(context) {
    for (const declaration of context.file.walk.declarations)
      checkDeclaration(context, declaration);
  },
};

function checkDeclaration(
  context: DetectorContext,
  declaration: Declaration,
): void {
  const { file, project } = context;
  if (
    declaration.kind !== "const" &&
    declaration.kind !== "let" &&
    declaration.kind !== "var"
  )
    return;
  if (!ts.isVariableDeclaration(declaration.node)) return;
  if (!ts.isIdentifier(declaration.node.name)) return;
  const type = getContainerType(declaration.initializer);
  if (!type || isQueueName(declaration.name)) return;
  if (!isProcessLifetime(file, declaration)) return;
  // Without request code in this file, only another file's handlers or a
  // store module's exported helpers can write it, and those helpers count
  // only under a telling name. Checking this first spares library code.
  if (
    !file.hasRequestCode() &&
    !getKindByName(declaration.name) &&
    project.listExternalMutations(declaration).length === 0
  ) {
    return;
  }
  if (findSharedVariable(file, declaration).length > 0) return;

  const writes = listContainerWrites(file, project, declaration).filter(
    (write) =>
      write.operation !== "reassign" ||
      write.values.some((value) =>
        referencesDeclaration(write.file, value, declaration),
      ),
  );
  const handlerWrites = writes.filter((write) => write.depth !== undefined);
  // A store module's exported helpers are request code in every real use,
  // but their callers may not be part of this run.
  const helperOnly = handlerWrites.length === 0;
  const requestWrites = helperOnly
    ? writes.filter((write) => isExportedHelperWrite(file, write))
    : handlerWrites;
  if (requestWrites.length === 0 || isConnectionRegistry(requestWrites)) return;

  const name = getStoreName(declaration, type, requestWrites);
  const nameKind = getKindByName(name);
  const judged = requestWrites.map((write) => judgeWrite(write));
  const readBacks = listReadBacks(file, declaration, writes);

  const namedCache = isCacheName(name);
  const cacheAside =
    (!nameKind || !DEFINITE_KINDS.has(nameKind) || namedCache) &&
    requestWrites.some((write) =>
      isCacheAsideWrite(file, declaration, write, namedCache),
    );
  if (cacheAside) return;

  const kind = inferKind(nameKind, judged, readBacks);
  if (!isReported(name, judged, readBacks, writes)) return;
  if (
    helperOnly &&
    !isConfirmedHelperStore(
      file,
      declaration,
      nameKind,
      judged,
      readBacks,
      writes,
    )
  )
    return;
  if ((kind === "sse" || kind === "sockets") && hasSharedFanOut(project, file))
    return;

  report(
    context,
    declaration,
    { type, name, kind, helperOnly },
    judged,
    readBacks,
  );
}

/** True for a write made directly in an exported function of the container's own file. */
function isExportedHelperWrite(
  file: FileFacts,
  write: ContainerWrite,
): boolean {
  if (write.file !== file) return false;
  const fn = findEnclosingFunction(write.node);
  return fn !== undefined && isExportedFunction(file, fn);
}

/**
 * Checks a store that only exported helpers write. Without a handler in
 * sight it needs a name that says what it contains and a per-user key.
 * It also needs a sign that entries are used per user: a keyed read in
 * another function, an expiry, or a comment calling it in-memory.
 */
function isConfirmedHelperStore(
  file: FileFacts,
  declaration: Declaration,
  nameKind: StateKindId | undefined,
  judged: readonly JudgedWrite[],
  readBacks: readonly ReadBack[],
  writes: readonly ContainerWrite[],
): boolean {
  if (!nameKind) return false;
  // The entry must be addressed by the user: a keyed write, or a Set or list member.
  const keyedByUser = judged.some(
    (entry) =>
      entry.evidence !== undefined &&
      (entry.evidenceIsKey || MEMBERSHIP_METHODS.has(entry.write.method ?? "")),
  );
  if (!keyedByUser) return false;
  return (
    readBacks.some((read) => read.keyEvidence !== undefined) ||
    hasExpiryBookkeeping(writes) ||
    hasInMemoryComment(file, declaration)
  );
}

function judgeWrite(write: ContainerWrite): JudgedWrite {
  let evidence: PrincipalEvidence | undefined;
  let evidenceNode: ts.Node | undefined;
  let evidenceIsKey = false;
  for (const key of write.keys) {
    const origin = describeValue(write.file, key);
    if (strongerEvidence(evidence, origin.principal) !== evidence) {
      evidence = origin.principal;
      evidenceNode = key;
      evidenceIsKey = true;
    }
  }
  for (const value of write.values) {
    const origin = describeValue(write.file, value);
    if (strongerEvidence(evidence, origin.principal) !== evidence) {
      evidence = origin.principal;
      evidenceNode = origin.principalNode ?? value;
      evidenceIsKey = false;
    }
  }
  return {
    write,
    evidence,
    evidenceNode,
    evidenceIsKey,
    connection: findConnection(write),
    counter: isCounterWrite(write),
  };
}

/** Finds a live connection stored by the write: a handler's response object or a socket. */
function findConnection(
  write: ContainerWrite,
): "response" | "socket" | undefined {
  let found: "response" | "socket" | undefined;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isIdentifier(node)) {
      const declaration = write.file.scopes.resolve(node);
      if (declaration?.kind !== "parameter") return;
      if (RESPONSE_NAMES.test(node.text)) found = "response";
      else if (SOCKET_NAMES.test(node.text)) found = "socket";
      return;
    }
    if (ts.isPropertyAccessExpression(node)) {
      // `reply.raw` is Fastify's underlying response; other members are data.
      if (node.name.text === "raw") visit(node.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const value of write.values) visit(value);
  return found;
}

function isCounterWrite(write: ContainerWrite): boolean {
  if (write.operation === "update") return true;
  if (
    ts.isBinaryExpression(write.node) &&
    write.node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken
  )
    return true;
  return write.values.some((value) =>
    /\+\s*1\b|\bcount\b|\battempts\b/.test(
      value.getText(write.file.sourceFile),
    ),
  );
}

/**
 * True when every write keys the container by a connection's address and
 * port, as a registry of open TCP connections that a server destroys on
 * shutdown does. Such connections belong to the process that accepted
 * them, so keeping them there is correct.
 */
function isConnectionRegistry(writes: readonly ContainerWrite[]): boolean {
  return writes.every((write) =>
    write.keys.some((key) => /\bremotePort\b/.test(getKeySource(write, key))),
  );
}

/** Returns a key's text, or the initializer's text when the key is a local constant. */
function getKeySource(write: ContainerWrite, key: ts.Expression): string {
  const sourceFile = write.file.sourceFile;
  if (ts.isIdentifier(key)) {
    const declaration = write.file.scopes.resolve(key);
    if (declaration?.kind === "const" && declaration.initializer)
      return declaration.initializer.getText(sourceFile);
  }
  return key.getText(sourceFile);
}

function inferKind(
  nameKind: StateKindId | undefined,
  judged: readonly JudgedWrite[],
  readBacks: readonly ReadBack[],
): StateKindId {
  if (judged.some((entry) => entry.connection === "response")) return "sse";
  // A `subscribers` list without response objects contains addresses, not streams.
  if (nameKind && nameKind !== "sse") return nameKind;
  if (readBacks.some((read) => read.inDeserializeUser)) return "users";
  const socketEvidence = judged.some(
    (entry) =>
      entry.connection === "socket" ||
      (entry.evidenceNode !== undefined &&
        /^(socket|ws|client|conn)\b/.test(entry.evidenceNode.getText())),
  );
  if (socketEvidence) return "sockets";
  if (judged.some((entry) => entry.counter && entry.evidence))
    return "attempts";
  return "generic";
}

/**
 * Applies the evidence rule. A key or value derived from the request's
 * identity is enough. A per-user container name also needs a per-user key
 * or value name, a keyed read-back in another function, or an expiry.
 */
function isReported(
  name: string,
  judged: readonly JudgedWrite[],
  readBacks: readonly ReadBack[],
  writes: readonly ContainerWrite[],
): boolean {
  if (judged.some((entry) => entry.connection === "response")) return true;
  const strong = judged.some((entry) => entry.evidence === "expression");
  if (strong) return !DIAGNOSTIC_NAME.test(name) || isPerUserName(name);
  if (!isPerUserName(name)) return false;
  return (
    judged.some((entry) => entry.evidence === "name") ||
    readBacks.some((read) => read.keyEvidence !== undefined) ||
    hasExpiryBookkeeping(writes)
  );
}

/** Conclusions about one container, passed to the report. */
interface StoreFacts {
  type: ContainerType;
  /** The name kinds were matched on. */
  name: string;
  kind: StateKindId;
  /** True when only exported helpers write it and no handler was seen. */
  helperOnly: boolean;
}

function report(
  context: DetectorContext,
  declaration: Declaration,
  store: StoreFacts,
  judged: readonly JudgedWrite[],
  readBacks: readonly ReadBack[],
): void {
  const { file } = context;
  const { type, name, kind } = store;
  const stateKind = getStateKind(kind);
  const quotedWrite =
    judged.find((entry) => entry.evidence === "expression") ??
    judged.find((entry) => entry.evidence) ??
    judged[0]!;
  const site = describeWriteSite(
    quotedWrite.write.file,
    quotedWrite.write.node,
  );
  const where = store.helperOnly
    ? `the exported function \`${site.functionName ?? "?"}\``
    : quotedWrite.write.file === file
      ? site.label
      : `${site.label} in ${quotedWrite.write.file.path}`;

  const serverless = judged.some((entry) => entry.write.file.serverless);
  let severity: Severity = stateKind.severity;
  if (
    kind === "attempts" &&
    (isAuthFlow(name) || judged.some((entry) => isAuthFlowWrite(entry.write)))
  )
    severity = "high";
  if (serverless) severity = raiseSeverity(severity);

  const why = serverless
    ? `${stateKind.why} In a serverless function it is worse: concurrent invocations share one warm instance, and every cold start begins empty.`
    : stateKind.why;
  const deserialize = readBacks.some((read) => read.inDeserializeUser)
    ? " It is read back in passport's `deserializeUser`, so a login works only on this replica."
    : "";

  context.report({
    node: declaration.node,
    message: `\`${declaration.name}\` is ${describeContainer(declaration, type, stateKind.noun)}, written by ${where}${describeEvidence(quotedWrite)}.${deserialize}`,
    why,
    fix: stateKind.fix,
    example: stateKind.example,
    severity,
    relatedNodes: judged
      .filter((entry) => entry.write.file === file)
      .map((entry) => entry.write.node),
  });
}

function isAuthFlowWrite(write: ContainerWrite): boolean {
  const site = describeWriteSite(write.file, write.node);
  return isAuthFlow(site.route) || isAuthFlow(site.functionName);
}

/** Describes the container: "a module-level Map of sessions", "an array of refresh tokens created once in `createRouter`". */
function describeContainer(
  declaration: Declaration,
  type: ContainerType,
  noun: string,
): string {
  const owner = findEnclosingFunction(declaration.node);
  if (!owner) return `a module-level ${type} of ${noun}`;
  const article = type === "array" || type === "object" ? "an" : "a";
  const ownerName = getFunctionName(owner);
  return `${article} ${type} of ${noun} created once in ${ownerName ? `\`${ownerName}\`` : "a set-up function"}`;
}

function describeEvidence(entry: JudgedWrite): string {
  if (entry.connection === "response") return " with each open response";
  if (!entry.evidenceNode) return "";
  const file = entry.write.file;
  // Show the whole key or value when it is short, else the part that ties it to the user.
  const whole = [...entry.write.keys, ...entry.write.values].find(
    (candidate) =>
      candidate.getStart(file.sourceFile) <=
        entry.evidenceNode!.getStart(file.sourceFile) &&
      candidate.getEnd() >= entry.evidenceNode!.getEnd(),
  );
  const shown =
    whole && whole.getText(file.sourceFile).length <= 40
      ? whole
      : entry.evidenceNode;
  const text = formatCode(shown.getText(file.sourceFile));
  return entry.evidenceIsKey ? ` keyed by ${text}` : ` with ${text}`;
}

function formatCode(text: string): string {
  const flat = text.replace(/\s+/g, " ").replace(/`/g, "'");
  return `\`${flat.length > 40 ? `${flat.slice(0, 37)}...` : flat}\``;
}

/** Names the store for kind matching: `sessions`, also for `store.sessions.set(...)` on an object of stores. */
function getStoreName(
  declaration: Declaration,
  type: ContainerType,
  writes: readonly ContainerWrite[],
): string {
  if (type !== "object") return declaration.name;
  const member = writes.find(
    (write) => write.path[0] !== undefined && write.path[0] !== "?",
  )?.path[0];
  return member ?? declaration.name;
}
