import { ts } from "ts-morph";

import type { FileFacts } from "../engine/facts/file-facts.js";
import type { Mutation } from "../engine/facts/walk-file.js";
import {
  findAccessRoot,
  getAccessPath,
  getCalleeName,
  getCallReceiver,
  getStringValue,
  isFunctionNode,
  unwrapExpression,
} from "../engine/ast/nodes.js";
import type { Detector, DetectorContext, Severity } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import {
  classifyWrite,
  isRemovingMethod,
  listWriteKeys,
} from "./support/class-fields.js";
import {
  isExpressApp,
  listDataDecorations,
  matchBag,
  matchSettingRead,
  type BagEntry,
  type BagKind,
} from "./support/process-bags.js";
import { MUTATING_METHODS } from "../engine/facts/walk-file.js";
import { isUserValue, tracesToRequest } from "./support/user-values.js";

/** Express settings that configure the app rather than hold data. */
const CONFIG_SETTINGS = new Set([
  "trust proxy",
  "view engine",
  "views",
  "view cache",
  "port",
  "env",
  "etag",
  "json spaces",
  "json replacer",
  "json escape",
  "jsonp callback name",
  "query parser",
  "strict routing",
  "case sensitive routing",
  "subdomain offset",
  "x-powered-by",
]);

/** Values that are shared clients or services, which a process may cache: `new PrismaClient()`, `mongoose`. */
const CLIENT_NAME =
  /^(prisma|db|database|client|pool|redis|mongoose|knex|sequelize|conn|connection|cached|io|server|wss|logger|sql|drizzle|mongo|mongoClient|supabase|transporter|mailer)$/i;
const CLIENT_CLASS =
  /(Client|Pool|Server|Redis|Sequelize|Knex|Mongo|Logger|Connection|Emitter|Cluster|Agent)$/;
const CLIENT_FACTORY =
  /^(createClient|createPool|createConnection|connect|drizzle|knex|postgres|neon|createServer|pino|winston|createLogger)$/;

/** A request-time write to one bag entry. */
interface BagWrite {
  entry: BagEntry;
  node: ts.Expression;
  severity: Severity;
  value?: ts.Expression;
  /** True for `delete` and `clear`, which empty the bag rather than fill it. */
  removes: boolean;
}

const BAG_LABELS: Record<BagKind, string> = {
  global: "`global` is one object for the whole process",
  "express-locals":
    "`app.locals` lives as long as the application and is shared by every request",
  "express-setting":
    "Express settings live as long as the application and are shared by every request",
  "koa-context":
    "`app.context` is the prototype of every request's `ctx`, so its properties are shared by all requests",
  "hapi-app":
    "`server.app` lives as long as the server and is shared by every request",
  "fastify-decoration":
    "decorations of the Fastify instance are shared by every request",
};

const PER_REQUEST_HOME: Record<BagKind, string> = {
  global: "`req`, `res.locals` or an AsyncLocalStorage store",
  "express-locals": "`res.locals` or `req`",
  "express-setting": "`res.locals` or `req`",
  "koa-context": "`ctx.state`",
  "hapi-app": "`request.app`, hapi's per-request state",
  "fastify-decoration":
    "the request (`fastify.decorateRequest` and a hook that fills it)",
};

export const globalStateWrite: Detector = {
  meta: {
    id: "global-state-write",
    title: "Disallow request handlers writing into process-wide objects",
    description:
      "`global`, `app.locals`, Express settings, Koa's `app.context`, hapi's `server.app` and Fastify decorations are shared by every request of one process, so request data written there leaks between users and is missing on other replicas.",
    defaultSeverity: "high",
    fix: "Keep per-request data on the request (`res.locals`, `ctx.state`, `request.app`) and shared per-user data in Redis or the database.",
    docsUrl: getDocsUrl("global-state-write"),
  },
  detect(context) {
    const { file, project } = context;
    // Every finding is a write made while serving a request.
    if (!file.hasRequestCode()) return;
    // Scanning the project for decorations is costly, so it waits for a
    // write that could reach one.
    let decorations: Set<string> | undefined;
    const listDecorations = () =>
      (decorations ??= listDataDecorations(project));
    const writes: BagWrite[] = [];
    for (const mutation of file.walk.mutations) {
      const write = judgeMutation(file, mutation, listDecorations);
      if (write) writes.push(write);
    }
    for (const call of file.walk.calls) {
      const write = judgeSettingMutation(file, call);
      if (write) writes.push(write);
    }
    reportByTarget(context, writes);
  },
};

function judgeMutation(
  file: FileFacts,
  mutation: Mutation,
  decorations: () => ReadonlySet<string>,
): BagWrite | undefined {
  if (!file.isInRequestScope(mutation.node)) return undefined;
  if (isLazyInitialisation(mutation)) return undefined;

  const setting = matchSettingWrite(mutation);
  const entry =
    setting ??
    matchDirectBag(file, mutation, decorations) ??
    matchAliasBag(file, mutation, decorations);
  if (!entry) return undefined;

  const keys = setting ? [] : listWriteKeys(mutation);
  const severity = rateWrite(file, mutation.kind, keys, mutation.value);
  if (!severity) return undefined;
  return {
    entry,
    node: mutation.node,
    severity,
    value: mutation.value,
    removes: classifyWrite(mutation) === "remove",
  };
}

/** `app.set("key", value)` or `req.app.set("key", value)` in a handler. */
function matchSettingWrite(mutation: Mutation): BagEntry | undefined {
  const call = mutation.node;
  if (mutation.method !== "set" || !ts.isCallExpression(call)) return undefined;
  if (call.arguments.length !== 2) return undefined;
  const receiver = getCallReceiver(call);
  if (!receiver || !isExpressApp(receiver)) return undefined;
  const key = getStringValue(call.arguments[0]);
  if (key !== undefined && CONFIG_SETTINGS.has(key)) return undefined;
  const name = key ?? call.arguments[0]!.getText();
  return { kind: "express-setting", target: `app.get("${name}")`, rest: [] };
}

function matchDirectBag(
  file: FileFacts,
  mutation: Mutation,
  decorations: () => ReadonlySet<string>,
): BagEntry | undefined {
  if (
    mutation.root.kind === ts.SyntaxKind.ThisKeyword &&
    isInsideClass(mutation.node)
  ) {
    return undefined;
  }
  const name = getWrittenName(mutation);
  if (mutation.method === "assign" && mutation.path.length === 0) {
    // `Object.assign(global, {...})` writes the bag itself.
    return matchBag(file, mutation.root, [], "*", decorations);
  }
  return matchBag(file, mutation.root, mutation.path, name, decorations);
}

/** Follows a local alias of a bag entry: `const online = app.get("online"); online.set(...)`. */
function matchAliasBag(
  file: FileFacts,
  mutation: Mutation,
  decorations: () => ReadonlySet<string>,
): BagEntry | undefined {
  if (!ts.isIdentifier(mutation.root)) return undefined;
  const declaration = file.scopes.resolve(mutation.root);
  if (
    !declaration ||
    file.isModuleLevel(declaration) ||
    declaration.kind !== "const" ||
    !declaration.initializer
  ) {
    return undefined;
  }
  const source = unwrapExpression(declaration.initializer);
  const setting = matchSettingRead(source);
  if (setting) return setting;
  const root = findAccessRoot(source);
  if (!root || ts.isCallExpression(source)) return undefined;
  return matchBag(file, root, getAccessPath(source), undefined, decorations);
}

/** `app.get("onlineUsers").set(id, socket)`: a mutation of a setting's value. */
function judgeSettingMutation(
  file: FileFacts,
  call: ts.CallExpression,
): BagWrite | undefined {
  const method = getCalleeName(call);
  if (!method || !MUTATING_METHODS.has(method)) return undefined;
  const receiver = getCallReceiver(call);
  const entry = receiver && matchSettingRead(receiver);
  if (!entry || !file.isInRequestScope(call)) return undefined;
  const keyed = method === "set" || method === "put";
  const first = call.arguments[0];
  const keys = (keyed || method === "delete") && first ? [first] : [];
  let value: ts.Expression | undefined;
  if (keyed) value = call.arguments[1];
  else if (keys.length === 0) value = first;
  const severity = rateWrite(file, "call", keys, value);
  if (!severity) return undefined;
  return {
    entry,
    node: call,
    severity,
    value,
    removes: isRemovingMethod(method),
  };
}

/**
 * Rates a write: critical when its key or value identifies the user,
 * high when it stores other request data, nothing for counters and for
 * values that do not come from the request (lazy caches of shared data).
 */
function rateWrite(
  file: FileFacts,
  kind: Mutation["kind"],
  keys: readonly ts.Expression[],
  value: ts.Expression | undefined,
): Severity | undefined {
  if (isClientValue(value)) return undefined;
  const user =
    keys.some((key) => isUserValue(file, key)) || isUserValue(file, value);
  if (user) return "critical";
  if (kind === "update" || kind === "compound" || kind === "delete")
    return undefined;
  const fromRequest =
    keys.some((key) => tracesToRequest(file, key)) ||
    tracesToRequest(file, value);
  if (!fromRequest) return undefined;
  return file.serverless ? "critical" : "high";
}

function isClientValue(expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  const value = unwrapExpression(expression);
  const inner = ts.isAwaitExpression(value)
    ? unwrapExpression(value.expression)
    : value;
  if (ts.isIdentifier(inner)) return CLIENT_NAME.test(inner.text);
  if (ts.isNewExpression(inner))
    return CLIENT_CLASS.test(getCalleeName(inner) ?? "");
  if (ts.isCallExpression(inner))
    return CLIENT_FACTORY.test(getCalleeName(inner) ?? "");
  if (ts.isObjectLiteralExpression(inner)) {
    // `global.mongoose = { conn: null, promise: null }`
    return inner.properties.every(
      (property) =>
        property.name !== undefined &&
        /^(conn|connection|promise|client|db|pool)$/.test(
          property.name.getText(),
        ),
    );
  }
  return false;
}

/** `x ??= value`, `x ||= value`: a lazily created shared object, such as a client. */
function isLazyInitialisation(mutation: Mutation): boolean {
  const node = mutation.node;
  return (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
      node.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)
  );
}

/** Returns the property a write names at the end of its chain: `x` in `global.x = v` or `global["x"] = v`. */
function getWrittenName(mutation: Mutation): string | undefined {
  const key = mutation.key;
  if (!key || mutation.kind === "call") return undefined;
  if (ts.isIdentifier(key) && ts.isPropertyAccessExpression(key.parent))
    return key.text;
  const literal = getStringValue(key);
  if (literal !== undefined) return literal;
  return `[${key.getText()}]`;
}

function isInsideClass(node: ts.Node): boolean {
  let current: ts.Node | undefined = node.parent;
  while (current) {
    if (isFunctionNode(current) && !ts.isArrowFunction(current))
      return current.parent !== undefined && ts.isClassLike(current.parent);
    current = current.parent;
  }
  return false;
}

function reportByTarget(
  context: DetectorContext,
  writes: readonly BagWrite[],
): void {
  const byTarget = new Map<string, BagWrite[]>();
  for (const write of writes) {
    const list = byTarget.get(write.entry.target) ?? [];
    list.push(write);
    byTarget.set(write.entry.target, list);
  }
  for (const [target, list] of byTarget) {
    list.sort((a, b) => a.node.pos - b.node.pos);
    const first = list.find((write) => !write.removes);
    if (!first) continue;
    const critical = list.find((write) => write.severity === "critical");
    const described = critical ?? first;
    const kind = first.entry.kind;
    const value = described.value
      ? ` \`${described.value.getText().replace(/\s+/g, " ").slice(0, 60)}\``
      : "";
    context.report({
      node: first.node,
      message: `A request handler writes${value} into \`${target}\`; ${BAG_LABELS[kind]}.`,
      why: critical
        ? "Every request of this process sees the same object, so a concurrent request reads or overwrites another user's value; other replicas never see it, and a restart loses it."
        : "The value lives in one process: replicas behind the load balancer never see it, concurrent requests overwrite each other's values, and a restart loses it.",
      fix: `Keep per-request values on ${PER_REQUEST_HOME[kind]}, and keep data that must outlive the request in Redis or the database, keyed by the user id.`,
      example: EXAMPLES[kind],
      severity: critical ? "critical" : first.severity,
      relatedNodes: list
        .filter((write) => write !== first)
        .map((write) => write.node),
    });
  }
}

const EXPRESS_EXAMPLE = `app.use((req, res, next) => {
  // Per request: visible to later middleware and views of this request only.
  res.locals.user = req.user;
  next();
});`;

const EXAMPLES: Record<BagKind, string> = {
  global: `import { AsyncLocalStorage } from "node:async_hooks";

export const requestContext = new AsyncLocalStorage();

app.use((req, res, next) => requestContext.run({ user: req.user }, next));`,
  "express-locals": EXPRESS_EXAMPLE,
  "express-setting": `// Presence shared by every replica, in Redis:
await redis.hset("online", req.user.id, socketId);`,
  "koa-context": `app.use(async (ctx, next) => {
  ctx.state.user = await verifyToken(ctx.headers.authorization);
  await next();
});`,
  "hapi-app": `server.ext("onPreHandler", (request, h) => {
  request.app.user = request.auth.credentials;
  return h.continue;
});`,
  "fastify-decoration": `fastify.decorateRequest("user", null);
fastify.addHook("preHandler", async (request) => {
  request.user = await verifyToken(request.headers.authorization);
});`,
};
