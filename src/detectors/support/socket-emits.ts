import { ts } from "ts-morph";

import {
  getCalleeName,
  getStringValue,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";

/** True for `socket.id`, also written as the template `` `${socket.id}` ``. */
function isSelfTarget(argument: ts.Expression): boolean {
  const value = unwrapExpression(argument);
  if (
    ts.isTemplateExpression(value) &&
    value.head.text === "" &&
    value.templateSpans.length === 1 &&
    value.templateSpans[0]!.literal.text === ""
  ) {
    return SELF_TARGET.test(value.templateSpans[0]!.expression.getText());
  }
  return SELF_TARGET.test(value.getText());
}

/** Names that conventionally hold a Socket.IO server: `io`, `this.io`, `app.io`. */
const SERVER_NAME = /^(io|ioServer|socketIo|socketIO|socketio|socketServer)$/;
/** Getters that return the shared Socket.IO server: `getIO()`, `getSocketServer()`. */
const SERVER_GETTER = /^get(IO|Io|SocketIO|SocketIo|SocketServer|Socket)$/;
/** Targets that are the emitting socket itself, so `io.to(socket.id)` is an echo. */
const SELF_TARGET = /^(socket|client|s)\.id$/;

/** Chain steps that change delivery options but not the recipients. */
const PASS_THROUGH_CALLS = new Set(["compress", "timeout", "volatile", "of"]);
const PASS_THROUGH_PROPERTIES = new Set(["volatile", "sockets", "nsp"]);

/** Decides whether an expression denotes the Socket.IO server itself. */
export type ServerTest = (expression: ts.Expression) => boolean;

type Recipients = "others" | "all" | "self";

/**
 * Lists the emits of a file that reach other users: `io.emit(...)`,
 * `io.to(room).emit(...)`, `socket.broadcast.emit(...)`,
 * `socket.to(room).emit(...)`, and sends to sockets looked up in the
 * server's local registry (`io.sockets.sockets.get(id).emit(...)`), also
 * through local aliases (`const chat = io.of("/chat"); chat.emit(...)`).
 * `socket.emit(...)`, `io.to(socket.id).emit(...)` and `io.local.emit(...)`
 * are left out.
 */
export function listMultiUserEmits(
  file: FileFacts,
  isServer: ServerTest,
): ts.CallExpression[] {
  const emits: ts.CallExpression[] = [];
  for (const call of file.walk.calls) {
    const callee = unwrapExpression(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) continue;
    if (callee.name.text !== "emit" && callee.name.text !== "send") continue;
    const recipients = classifyRecipients(file, callee.expression, isServer);
    if (recipients === "others" || recipients === "all") emits.push(call);
  }
  return emits;
}

function classifyRecipients(
  file: FileFacts,
  receiver: ts.Expression,
  isServer: ServerTest,
): Recipients | undefined {
  let current = unwrapExpression(receiver);
  let targetsSelf = false;
  // Local aliases such as `const chat = io.of("/chat")` are followed twice at most.
  let aliases = 2;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      const name = current.name.text;
      if (name === "broadcast") return "others";
      if (name === "local") return undefined;
      if (PASS_THROUGH_PROPERTIES.has(name) && !isServer(current)) {
        current = unwrapExpression(current.expression);
        continue;
      }
      if (!isServer(current)) return undefined;
      return targetsSelf ? "self" : "all";
    }
    if (ts.isCallExpression(current)) {
      const name = getCalleeName(current);
      const callee = unwrapExpression(current.expression);
      const inner = ts.isPropertyAccessExpression(callee)
        ? unwrapExpression(callee.expression)
        : undefined;
      if (name === "to" || name === "in" || name === "except") {
        const self = current.arguments.every(isSelfTarget);
        if (!self || name === "except") return "others";
        targetsSelf = true;
      } else if (
        name === "get" &&
        inner &&
        /\.sockets$/.test(inner.getText())
      ) {
        return "others";
      } else if (isServer(current)) {
        return targetsSelf ? "self" : "all";
      } else if (!name || !PASS_THROUGH_CALLS.has(name)) {
        return undefined;
      }
      if (!inner) return undefined;
      current = inner;
      continue;
    }
    if (ts.isElementAccessExpression(current)) {
      // `io.sockets.connected[id]` (Socket.IO 2) is the local socket registry.
      return /\.connected$/.test(current.expression.getText())
        ? "others"
        : undefined;
    }
    if (!ts.isIdentifier(current)) return undefined;
    if (isServer(current)) return targetsSelf ? "self" : "all";
    const declaration = file.scopes.resolve(current);
    if (aliases === 0 || declaration?.kind !== "const") return undefined;
    if (!declaration.initializer) return undefined;
    aliases--;
    current = unwrapExpression(declaration.initializer);
  }
}

/** Recognises a Socket.IO server by convention: `io`-style names, server getters, and `app.get("io")`. */
export function isConventionalServer(expression: ts.Expression): boolean {
  const value = unwrapExpression(expression);
  if (ts.isIdentifier(value)) return SERVER_NAME.test(value.text);
  if (ts.isPropertyAccessExpression(value))
    return SERVER_NAME.test(value.name.text);
  if (ts.isCallExpression(value)) {
    const name = getCalleeName(value);
    if (name && SERVER_GETTER.test(name)) return true;
    const key = getStringValue(value.arguments[0]);
    return name === "get" && key !== undefined && SERVER_NAME.test(key);
  }
  return false;
}

const NEST_DEFAULT_ADAPTERS = [
  { module: "@nestjs/platform-socket.io", name: "IoAdapter" },
  { module: "@nestjs/platform-ws", name: "WsAdapter" },
];

/**
 * True when Socket.IO gets a shared adapter: an `io.adapter(...)` call or
 * an `adapter` option in a file joined to `from` by imports, or a Nest
 * `app.useWebSocketAdapter(...)` with an adapter other than the default
 * IoAdapter or WsAdapter anywhere in the run.
 */
export function hasAdapterInRun(
  project: ProjectFacts,
  from: FileFacts,
  isNestGateway = false,
): boolean {
  // Nest wires gateways to the adapter through its module tree, which the
  // import graph of a partial run rarely shows, and a repository usually
  // contains one Nest application. So for a gateway, any file counts.
  const adapterFiles = isNestGateway
    ? project.listFilesWith(["call:useWebSocketAdapter"])
    : [];
  for (const file of adapterFiles) {
    const setsNestAdapter = file.walk.calls.some(
      (call) =>
        getCalleeName(call) === "useWebSocketAdapter" &&
        !usesDefaultNestAdapter(file, call),
    );
    if (setsNestAdapter) return true;
  }
  for (const file of project.listConnectedFiles(from, [
    "call:adapter",
    "module:socket.io",
  ])) {
    for (const call of file.walk.calls) {
      const name = getCalleeName(call);
      if (name === "adapter" && call.arguments.length > 0) return true;
    }
    for (const object of file.walk.objectLiterals) {
      if (!hasAdapterProperty(object)) continue;
      const owner = object.parent;
      if (
        owner &&
        (ts.isNewExpression(owner) || ts.isCallExpression(owner)) &&
        isSocketIoConstruction(file, owner)
      ) {
        return true;
      }
    }
  }
  return false;
}

function hasAdapterProperty(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some(
    (property) =>
      (ts.isPropertyAssignment(property) ||
        ts.isShorthandPropertyAssignment(property)) &&
      ts.isIdentifier(property.name) &&
      property.name.text === "adapter",
  );
}

/** True when `useWebSocketAdapter(new IoAdapter(app))` keeps Nest's in-memory default. */
function usesDefaultNestAdapter(
  file: FileFacts,
  call: ts.CallExpression,
): boolean {
  const argument = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (!argument || !ts.isNewExpression(argument)) return false;
  return NEST_DEFAULT_ADAPTERS.some((adapter) =>
    file.isSymbol(argument.expression, [adapter.module], [adapter.name]),
  );
}

/** True when the run sets Nest's WebSocket platform to ws with `useWebSocketAdapter(new WsAdapter(...))`. */
export function usesNestWsAdapter(project: ProjectFacts): boolean {
  return project.listFilesWith(["call:useWebSocketAdapter"]).some((file) =>
    file.walk.calls.some((call) => {
      if (getCalleeName(call) !== "useWebSocketAdapter") return false;
      const argument = call.arguments[0] && unwrapExpression(call.arguments[0]);
      return (
        argument !== undefined &&
        ts.isNewExpression(argument) &&
        file.isSymbol(
          argument.expression,
          ["@nestjs/platform-ws"],
          ["WsAdapter"],
        )
      );
    }),
  );
}

/** True for `new Server(...)`, `require("socket.io")(...)` and `socketio.listen(...)` from socket.io. */
export function isSocketIoConstruction(
  file: FileFacts,
  node: ts.CallExpression | ts.NewExpression,
): boolean {
  const modules = ["socket.io"];
  if (ts.isNewExpression(node))
    return (
      file.isSymbol(node.expression, modules, ["Server"]) ||
      file.isSymbol(node.expression, modules, [])
    );
  return (
    file.isSymbol(node.expression, modules, []) ||
    file.isSymbol(node.expression, modules, ["listen"])
  );
}

/** Message brokers whose subscriptions can carry events between replicas. */
const BROKER_MODULES = new Set([
  "ioredis",
  "redis",
  "@redis/client",
  "iovalkey",
  "@valkey/valkey-glide",
  "nats",
  "amqplib",
  "amqp-connection-manager",
  "kafkajs",
  "mqtt",
  "@google-cloud/pubsub",
  "pg-listen",
]);
const BROKER_TOKENS = [...BROKER_MODULES].map((module) => `module:${module}`);
const SUBSCRIBE_METHODS = new Set([
  "subscribe",
  "psubscribe",
  "pSubscribe",
  "sSubscribe",
  "ssubscribe",
]);

/** True when a file connected to `from` imports a message broker client and subscribes with it. */
export function hasBrokerSubscriptionInRun(
  project: ProjectFacts,
  from: FileFacts,
): boolean {
  return project.listConnectedFiles(from, BROKER_TOKENS).some(
    (file) =>
      file.importsAny([...BROKER_MODULES]) &&
      file.walk.calls.some((call) => {
        const name = getCalleeName(call);
        return name !== undefined && SUBSCRIBE_METHODS.has(name);
      }),
  );
}
