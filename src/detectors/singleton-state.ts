import { ts } from "ts-morph";

import type { FileFacts } from "../engine/facts/file-facts.js";
import type { Mutation } from "../engine/facts/walk-file.js";
import { hasModifier, isFunctionNode } from "../engine/ast/nodes.js";
import type { Detector, DetectorContext, Severity } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import {
  classifyWrite,
  collectClassFields,
  listWriteKeys,
  type ClassField,
  type WriteKind,
} from "./support/class-fields.js";
import {
  findClassReferences,
  findSingletonClass,
  getMemberName,
  listReachedMembers,
  type ClassLike,
  type SingletonClass,
} from "./support/singleton-classes.js";
import {
  isCodeValue,
  isEmptyLiteral,
  isUserValue,
  tracesToRequest,
} from "./support/user-values.js";

/** A write to a field from code that serves a request. */
interface FieldWrite {
  file: FileFacts;
  mutation: Mutation;
  kind: WriteKind;
  /** The class member or function that writes, formatted for messages. */
  writer: string;
  requestFunctions: ReadonlySet<ts.Node>;
}

/** Collection names that mean per-user state even without a visible user key. */
const PER_USER_NAME =
  /session|cart|basket|draft|wizard|token|blacklist|blocklist|denylist|revoked|otp|nonce|online|presence|attempt|loggedIn|verification|magic|byUser|userSocket|connectedUsers|activeUsers|^#?_?users$/i;

/** Scalar field names that hold the identity or request of the caller. */
const CURRENT_USER_NAME =
  /^#?_?(current|active|logged(In)?|auth(enticated)?|request)?_?(user|userId|account|principal|session|me|claims|identity|viewer|profile|token|jwt|accessToken|req|request|ctx|context|customer|member|tenant|tenantId|requester|actor|subject|caller)$/i;

const CACHE_NAME = /cache|memo/i;

/** Names of in-memory logs and metrics: process diagnostics, not user state. */
const DIAGNOSTIC_NAME =
  /logs?$|audit|errors$|metrics|stats|telemetry|analytics|history$/i;

const WHY_COLLECTION =
  "The instance lives in one process, so the entries exist on one replica only: behind a load balancer the user's next request can reach a replica that has never seen them, and a restart or deploy drops them all.";

const WHY_SCALAR =
  "One instance serves every request of the process. When two requests overlap across an `await`, the second overwrites the field and the first continues with the other user's identity, so one user can act as or see another.";

const NEST_COLLECTION_EXAMPLE = `@Injectable()
export class CartService {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async addItem(userId: string, item: CartItem) {
    const key = \`cart:\${userId}\`;
    await this.redis.hset(key, item.sku, JSON.stringify(item));
    await this.redis.expire(key, 60 * 60 * 24 * 7);
  }
}`;

const PLAIN_COLLECTION_EXAMPLE = `import { createClient } from "redis";

const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();

export async function saveSession(sessionId, data) {
  await redis.set(\`sess:\${sessionId}\`, JSON.stringify(data), { EX: 86400 });
}`;

const NEST_SCALAR_EXAMPLE = `@Get("me")
getProfile(@CurrentUser() user: User) {
  // The user is an argument of this call, not a field shared by all calls.
  return this.profileService.load(user.id);
}`;

const PLAIN_SCALAR_EXAMPLE = `import { AsyncLocalStorage } from "node:async_hooks";

export const requestContext = new AsyncLocalStorage();

app.use((req, res, next) => {
  requestContext.run({ user: req.user }, next);
});

// Anywhere below the middleware:
const { user } = requestContext.getStore();`;

export const singletonState: Detector = {
  meta: {
    id: "singleton-state",
    title: "Disallow per-user state in fields of singleton classes",
    description:
      "A provider, controller or module-level instance is shared by every request of one process, so per-user data kept in its fields exists on one replica only and a current-user field leaks between concurrent requests.",
    defaultSeverity: "high",
    fix: "Keep per-user data in Redis or the database keyed by the user id, and pass the current user as an argument or through request-scoped context.",
    docsUrl: getDocsUrl("singleton-state"),
  },
  detect(context) {
    for (const declaration of context.file.walk.classes)
      checkClass(context, declaration);
  },
};

function checkClass(context: DetectorContext, declaration: ClassLike): void {
  const { file, project } = context;
  const fields = collectClassFields(declaration);
  if (fields.length === 0) return;

  const instanceFields = fields.filter((field) => !field.isStatic);
  const staticFields = fields.filter((field) => field.isStatic);
  // Deciding whether one instance serves every request can need other
  // files, so it is done only when a field would be reported if it did.
  const singleton =
    instanceFields.length > 0 &&
    mayReportFields(context, declaration, instanceFields)
      ? findSingletonClass(file, project, declaration)
      : undefined;
  if (singleton) {
    const writes = collectInstanceWrites(
      file,
      declaration,
      singleton.requestMembers,
    );
    for (const field of instanceFields)
      judgeField(context, field, writes.get(field.name) ?? [], singleton);
  }
  if (staticFields.length > 0) {
    const writes = collectStaticWrites(context, declaration);
    for (const field of staticFields)
      judgeField(context, field, writes.get(field.name) ?? [], undefined);
  }
}

/**
 * True when some instance field would be reported if every member of the
 * class served requests: the most a singleton could make of its writes.
 */
function mayReportFields(
  context: DetectorContext,
  declaration: ClassLike,
  fields: readonly ClassField[],
): boolean {
  let reported = false;
  const probe: DetectorContext = {
    ...context,
    report: () => {
      reported = true;
    },
  };
  const writes = collectInstanceWrites(
    context.file,
    declaration,
    new Set(declaration.members),
  );
  for (const field of fields) {
    judgeField(probe, field, writes.get(field.name) ?? [], undefined);
    if (reported) return true;
  }
  return false;
}

/** Collects writes through `this` in the members that serve requests. */
function collectInstanceWrites(
  file: FileFacts,
  declaration: ClassLike,
  requestMembers: ReadonlySet<ts.ClassElement>,
): Map<string, FieldWrite[]> {
  const writes = new Map<string, FieldWrite[]>();
  const requestFunctions = listMemberFunctions(requestMembers);
  for (const mutation of file.walk.mutations) {
    if (mutation.root.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const member = findThisMember(mutation.node);
    if (
      !member ||
      member.parent !== declaration ||
      !requestMembers.has(member)
    ) {
      continue;
    }
    const name = getWrittenField(mutation);
    if (!name) continue;
    addWrite(writes, name, {
      file,
      mutation,
      kind: mutation.path.length === 0 ? "replace" : classifyWrite(mutation),
      writer: describeMember(member),
      requestFunctions,
    });
  }
  return writes;
}

/**
 * Collects writes to static fields from request code: `Class.field` in
 * handlers of this file or of files importing the class, `this.field` in
 * static methods that request code calls, and `this.constructor.field`.
 */
function collectStaticWrites(
  context: DetectorContext,
  declaration: ClassLike,
): Map<string, FieldWrite[]> {
  const { file, project } = context;
  const references = findClassReferences(file, project, declaration);
  const staticMembers = listReachedMembers(file, declaration, references, true);
  const instanceMembers = listReachedMembers(file, declaration, [], false);
  const requestFunctions = listMemberFunctions(
    new Set([...staticMembers, ...instanceMembers]),
  );
  const writes = new Map<string, FieldWrite[]>();

  for (const mutation of file.walk.mutations) {
    if (mutation.root.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const member = findThisMember(mutation.node);
    if (!member || member.parent !== declaration) continue;
    const isStaticMember = hasModifier(member, ts.SyntaxKind.StaticKeyword);
    const viaConstructor = mutation.path[0] === "constructor";
    if (isStaticMember === viaConstructor) continue;
    const inRequest =
      staticMembers.has(member) ||
      instanceMembers.has(member) ||
      file.isInRequestScope(mutation.node);
    if (!inRequest) continue;
    const shifted = viaConstructor ? shiftPath(mutation) : mutation;
    const name = getWrittenField(shifted);
    if (!name) continue;
    addWrite(writes, name, {
      file,
      mutation: shifted,
      kind: shifted.path.length === 0 ? "replace" : classifyWrite(shifted),
      writer: describeMember(member),
      requestFunctions,
    });
  }

  const reachedMembers = new Set([...staticMembers, ...instanceMembers]);
  for (const reference of references) {
    const owner = reference.file;
    for (const mutation of owner.walk.mutations) {
      const shifted = matchReference(mutation, reference.expression);
      if (!shifted) continue;
      const member = owner === file ? findThisMember(mutation.node) : undefined;
      const inRequest =
        owner.isInRequestScope(mutation.node) ||
        (member !== undefined && reachedMembers.has(member));
      if (!inRequest) continue;
      const name = getWrittenField(shifted);
      if (!name) continue;
      addWrite(writes, name, {
        file: owner,
        mutation: shifted,
        kind: shifted.path.length === 0 ? "replace" : classifyWrite(shifted),
        writer: describeWriter(owner, mutation.node),
        requestFunctions,
      });
    }
  }
  return writes;
}

/** Returns the mutation relative to the class when its chain starts at the reference. */
function matchReference(
  mutation: Mutation,
  reference: ts.Expression,
): Mutation | undefined {
  if (ts.isIdentifier(reference)) {
    return mutation.root === reference ? mutation : undefined;
  }
  if (
    ts.isPropertyAccessExpression(reference) &&
    mutation.root === reference.expression &&
    mutation.path[0] === reference.name.text
  ) {
    return shiftPath(mutation);
  }
  return undefined;
}

function shiftPath(mutation: Mutation): Mutation {
  return { ...mutation, path: mutation.path.slice(1) };
}

/** Returns the field a write targets: `carts` for `this.carts.set(...)` and for `this.carts = x`. */
function getWrittenField(mutation: Mutation): string | undefined {
  if (mutation.path.length > 0) return mutation.path[0];
  const key = mutation.key;
  if (
    key &&
    (ts.isIdentifier(key) || ts.isPrivateIdentifier(key)) &&
    ts.isPropertyAccessExpression(key.parent)
  ) {
    return key.text;
  }
  return undefined;
}

function addWrite(
  writes: Map<string, FieldWrite[]>,
  name: string,
  write: FieldWrite,
): void {
  const list = writes.get(name) ?? [];
  list.push(write);
  writes.set(name, list);
}

/** Finds the class member that `this` refers to at a node; arrow functions keep the enclosing `this`. */
function findThisMember(node: ts.Node): ts.ClassElement | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current) {
    if (ts.isClassStaticBlockDeclaration(current)) return current;
    if (ts.isPropertyDeclaration(current)) return current;
    if (isFunctionNode(current) && !ts.isArrowFunction(current)) {
      const parent = current.parent;
      return parent && ts.isClassLike(parent)
        ? (current as ts.ClassElement)
        : undefined;
    }
    current = current.parent;
  }
  return undefined;
}

function listMemberFunctions(
  members: ReadonlySet<ts.ClassElement>,
): Set<ts.Node> {
  const functions = new Set<ts.Node>();
  for (const member of members) {
    functions.add(member);
    if (ts.isPropertyDeclaration(member) && member.initializer)
      functions.add(member.initializer);
  }
  return functions;
}

function describeMember(member: ts.ClassElement): string {
  const name = getMemberName(member);
  return name ? `\`${name}\`` : "a method";
}

function describeWriter(file: FileFacts, node: ts.Node): string {
  let current: ts.Node | undefined = node.parent;
  while (current) {
    if (
      (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) &&
      current.name
    ) {
      return `\`${current.name.getText()}\` in \`${file.path}\``;
    }
    current = current.parent;
  }
  return `a handler in \`${file.path}\``;
}

function judgeField(
  context: DetectorContext,
  field: ClassField,
  writes: readonly FieldWrite[],
  singleton: SingletonClass | undefined,
): void {
  if (writes.length === 0 || DIAGNOSTIC_NAME.test(field.name)) return;
  const className = getClassName(field);
  if (field.shape === "scalar") {
    judgeScalar(context, field, writes, singleton, className);
    return;
  }

  const adding = writes.filter(
    (write) =>
      write.kind !== "remove" &&
      !isCodeValue(write.mutation.value) &&
      !(write.kind === "replace" && isEmptyLiteral(write.mutation.value)),
  );
  const keyed = adding.find((write) => hasUserKeyOrValue(write));
  const named = PER_USER_NAME.test(field.name);
  // Replacing the whole collection with loaded data is a cache refresh, so
  // a name alone only counts for writes that add entries.
  const namedWrite = named
    ? adding.find((write) => write.kind === "add")
    : undefined;
  const first = keyed ?? namedWrite;
  if (!first) return;
  const isCache = CACHE_NAME.test(field.name) && !named;
  let severity: Severity = isCache ? "low" : "high";
  if (context.file.serverless && severity === "high") severity = "critical";
  const owner = describeOwner(field, singleton, className);
  const writeDescription = keyed
    ? `writes it ${describeUserPart(keyed)}`
    : "adds entries to it";
  const cacheNote = isCache
    ? " It caches per-user data, so replicas serve different copies."
    : "";
  context.report({
    node: field.node,
    message: `\`${field.name}\` is ${owner}, and ${first.writer} ${writeDescription}.${cacheNote}`,
    why: WHY_COLLECTION,
    fix: `Keep \`${field.name}\` in Redis or the database, keyed by the user or session id (for example \`${field.name}:<userId>\` with an expiry), and have the class read and write it there instead of holding it in a field.`,
    example: singleton?.nest
      ? NEST_COLLECTION_EXAMPLE
      : PLAIN_COLLECTION_EXAMPLE,
    severity,
    relatedNodes: listLocalWriteNodes(context.file, writes),
  });
}

function judgeScalar(
  context: DetectorContext,
  field: ClassField,
  writes: readonly FieldWrite[],
  singleton: SingletonClass | undefined,
  className: string,
): void {
  const named = CURRENT_USER_NAME.test(field.name);
  const leaking = writes.find((write) => {
    const value = write.mutation.value;
    if (write.kind !== "replace" || !value || isEmptyLiteral(value))
      return false;
    if (isCodeValue(value)) return false;
    if (!named && !isUserValue(write.file, value)) return false;
    return tracesToRequest(write.file, value, write.requestFunctions);
  });
  if (!leaking) return;

  const owner = describeOwner(field, singleton, className);
  const value = leaking.mutation.value!.getText().slice(0, 60);
  context.report({
    node: field.node,
    message: `\`${field.name}\` is ${owner}, and ${leaking.writer} assigns it \`${value}\` from the current request, so concurrent requests overwrite each other's user.`,
    why: WHY_SCALAR,
    fix: singleton?.nest
      ? `Remove \`${field.name}\`: pass the user to the methods that need it (from \`@Req()\` or a \`@CurrentUser()\` parameter decorator), inject \`REQUEST\` into a \`Scope.REQUEST\` provider, or keep it in AsyncLocalStorage (for example nestjs-cls).`
      : `Remove \`${field.name}\`: pass the user as an argument, keep it on \`req\`/\`res.locals\`, or hold it in an AsyncLocalStorage store that lives for one request.`,
    example: singleton?.nest ? NEST_SCALAR_EXAMPLE : PLAIN_SCALAR_EXAMPLE,
    severity: "critical",
    relatedNodes: listLocalWriteNodes(context.file, writes),
  });
}

function hasUserKeyOrValue(write: FieldWrite): boolean {
  const keys = listWriteKeys(write.mutation);
  return (
    keys.some((key) => isUserValue(write.file, key)) ||
    isUserValue(write.file, write.mutation.value)
  );
}

/** Describes the per-user part of a write: "with the per-user key `userId`". */
function describeUserPart(write: FieldWrite): string {
  const keys = listWriteKeys(write.mutation);
  const key = keys.find((candidate) => isUserValue(write.file, candidate));
  const part = key ?? write.mutation.value;
  const text = (part?.getText() ?? "").replace(/\s+/g, " ").slice(0, 60);
  return `with the per-user ${key ? "key" : "value"} \`${text}\``;
}

function describeOwner(
  field: ClassField,
  singleton: SingletonClass | undefined,
  className: string,
): string {
  if (field.isStatic)
    return `a static field of \`${className}\`, shared by the whole process`;
  if (!singleton) return `a field of \`${className}\``;
  return `a field of ${singleton.label}`;
}

function getClassName(field: ClassField): string {
  let current: ts.Node | undefined = field.node.parent;
  while (current && !ts.isClassLike(current)) current = current.parent;
  return current?.name?.text ?? "an anonymous class";
}

function listLocalWriteNodes(
  file: FileFacts,
  writes: readonly FieldWrite[],
): ts.Node[] {
  return writes
    .filter((write) => write.file === file)
    .map((write) => write.mutation.node);
}
