import { ts } from "ts-morph";

import {
  getDecoratorNames,
  getPropertyName,
  unwrapExpression,
} from "../engine/ast/nodes.js";
import type { Declaration } from "../engine/ast/scope.js";
import type { FileFacts } from "../engine/facts/file-facts.js";
import type { Detector, DetectorContext } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import {
  hasAdapterInRun,
  hasBrokerSubscriptionInRun,
  isConventionalServer,
  isSocketIoConstruction,
  listMultiUserEmits,
  usesNestWsAdapter,
  type ServerTest,
} from "./support/socket-emits.js";
import { findBinding } from "./support/use-sites.js";
import {
  listRegistrySends,
  listWsBroadcasts,
} from "./support/ws-broadcasts.js";

const SOCKET_IO_WHY =
  "Socket.IO's default adapter knows only the sockets connected to this process, so an emit to a room, a user or everyone reaches only the clients of this replica; behind a load balancer the other users silently miss the message.";

const WS_WHY =
  "`wss.clients` and any socket registry hold only the connections of this process, so a broadcast reaches only the clients of this replica; behind a load balancer users connected to other replicas never receive it.";

const SOCKET_IO_FIX =
  'Attach @socket.io/redis-adapter with `io.adapter(createAdapter(pubClient, subClient))`, keep sticky sessions or use `transports: ["websocket"]`, and address users through rooms named by user id (`socket.join(userId)`, `io.to(userId).emit(...)`).';

const SOCKET_IO_EXAMPLE = `import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";

const pubClient = createClient({ url: process.env.REDIS_URL });
const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);

const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
io.on("connection", (socket) => {
  socket.join(\`user:\${socket.data.userId}\`);
});`;

const NEST_EXAMPLE = `import { IoAdapter } from "@nestjs/platform-socket.io";
import { createAdapter } from "@socket.io/redis-adapter";

export class RedisIoAdapter extends IoAdapter {
  constructor(app: INestApplication, private readonly adapter: ReturnType<typeof createAdapter>) {
    super(app);
  }
  createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, options);
    server.adapter(this.adapter);
    return server;
  }
}

// main.ts
app.useWebSocketAdapter(new RedisIoAdapter(app, createAdapter(pubClient, subClient)));`;

const WS_FIX =
  "Publish each broadcast to a Redis channel and let every replica subscribe to it and forward the message to its own local sockets, so all users receive it whichever replica they are connected to.";

const WS_EXAMPLE = `import Redis from "ioredis";

const publisher = new Redis(process.env.REDIS_URL);
const subscriber = new Redis(process.env.REDIS_URL);

await subscriber.subscribe("chat");
subscriber.on("message", (_channel, message) => {
  for (const client of wss.clients) {
    if (client.readyState === WebSocket.OPEN) client.send(message);
  }
});

function broadcast(message) {
  return publisher.publish("chat", message);
}`;

/** Packages whose import makes a file worth checking. */
const REALTIME_PACKAGES = [
  "socket.io",
  "ws",
  "isomorphic-ws",
  "@nestjs/websockets",
  "@nestjs/platform-socket.io",
  "@nestjs/platform-ws",
];

export const realtimeLocalFanout: Detector = {
  meta: {
    id: "realtime-local-fanout",
    title:
      "Disallow real-time broadcasts that reach only the sockets of one process",
    description:
      "A Socket.IO server without a shared adapter, or a ws server that broadcasts over its local clients, delivers messages only to users connected to the same replica.",
    defaultSeverity: "high",
    fix: "Give Socket.IO a shared adapter such as @socket.io/redis-adapter, and fan ws broadcasts out through Redis pub/sub to every replica.",
    docsUrl: getDocsUrl("realtime-local-fanout"),
  },
  detect(context) {
    const { file } = context;
    if (!file.importsPackage(REALTIME_PACKAGES)) return;
    const constructions: (ts.CallExpression | ts.NewExpression)[] = [
      ...file.walk.newExpressions,
      ...file.walk.calls,
    ];
    for (const node of constructions) {
      if (isSocketIoConstruction(file, node))
        checkSocketIoServer(context, node);
      else if (ts.isNewExpression(node) && isWsConstruction(file, node))
        checkWsServer(context, node);
    }
    for (const declaration of file.walk.classes)
      checkGateway(context, declaration);
  },
};

function checkSocketIoServer(
  context: DetectorContext,
  node: ts.CallExpression | ts.NewExpression,
): void {
  const { file, project } = context;
  const args = node.arguments ?? [];
  const hasAdapterOption = args.some((argument) => {
    const value = unwrapExpression(argument);
    return (
      ts.isObjectLiteralExpression(value) &&
      value.properties.some(
        (property) =>
          property.name && getPropertyName(property.name) === "adapter",
      )
    );
  });
  if (hasAdapterOption || hasAdapterInRun(project, file)) return;

  const isServer = createServerTest(file, node);
  const localEmits: ts.Node[] = [
    ...listMultiUserEmits(file, isServer),
    ...file.walk.declarations.flatMap((declaration) =>
      listRegistrySends(file, declaration, /\.emit\s*\(/),
    ),
  ];
  const otherEmits = project
    .listConnectedFiles(file, ["call:emit", "call:send"])
    .filter((other) => other !== file)
    .some(
      (other) => listMultiUserEmits(other, isConventionalServer).length > 0,
    );
  if (localEmits.length === 0 && !otherEmits) return;

  context.report({
    node,
    message: `This Socket.IO server has no adapter, so it uses the in-memory default, and its code emits to other users (${describeEmit(file, localEmits)}); those emits reach only clients connected to this process.`,
    why: SOCKET_IO_WHY,
    fix: SOCKET_IO_FIX,
    example: SOCKET_IO_EXAMPLE,
    severity: "high",
    relatedNodes: localEmits,
  });
}

function describeEmit(file: FileFacts, emits: readonly ts.Node[]): string {
  const [first] = emits;
  if (!first) return "in other analysed files";
  const line = file.getLine(first);
  if (!ts.isCallExpression(first))
    return `an emit over the sockets in \`${first.getText(file.sourceFile)}\` on line ${line}`;
  const text = first.expression.getText(file.sourceFile).replace(/\s+/g, "");
  const snippet = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `\`${snippet}(...)\` on line ${line}`;
}

/** Recognises the server variable of this construction as well as conventional names. */
function createServerTest(file: FileFacts, node: ts.Node): ServerTest {
  const binding = findBinding(file, node);
  const declaration: Declaration | undefined =
    binding?.kind === "variable" ? binding.declaration : undefined;
  const field = binding?.kind === "field" ? binding.name : undefined;
  return (expression) => {
    if (isConventionalServer(expression)) return true;
    const value = unwrapExpression(expression);
    if (declaration && ts.isIdentifier(value))
      return file.scopes.resolve(value) === declaration;
    return (
      field !== undefined &&
      ts.isPropertyAccessExpression(value) &&
      value.expression.kind === ts.SyntaxKind.ThisKeyword &&
      value.name.text === field
    );
  };
}

function isWsConstruction(file: FileFacts, node: ts.NewExpression): boolean {
  return (
    file.isSymbol(node.expression, ["ws"], ["WebSocketServer"]) ||
    file.isSymbol(node.expression, ["ws"], ["Server"])
  );
}

function checkWsServer(context: DetectorContext, node: ts.NewExpression): void {
  const { file, project } = context;
  const binding = findBinding(file, node);
  const broadcasts = listWsBroadcasts(file, binding);
  if (broadcasts.length === 0 || hasBrokerSubscriptionInRun(project, file))
    return;
  context.report({
    node,
    message: `This ws server sends to other users through connections held only in this process (line ${file.getLine(broadcasts[0]!)}), and nothing in the analysed files subscribes to Redis or another broker, so clients connected to other replicas never receive these messages.`,
    why: WS_WHY,
    fix: WS_FIX,
    example: WS_EXAMPLE,
    severity: "medium",
    relatedNodes: broadcasts,
  });
}

/** Reports a Nest `@WebSocketGateway()` class whose handlers emit to other users without a shared adapter. */
function checkGateway(
  context: DetectorContext,
  declaration: ts.ClassDeclaration | ts.ClassExpression,
): void {
  const { file, project } = context;
  const decorator = findGatewayDecorator(declaration);
  if (!decorator) return;

  const serverFields = declaration.members.filter(
    (member): member is ts.PropertyDeclaration =>
      ts.isPropertyDeclaration(member) &&
      getDecoratorNames(member).includes("WebSocketServer"),
  );
  const fieldNames = new Set(
    serverFields.map((member) => getPropertyName(member.name) ?? ""),
  );
  const usesWs =
    usesNestWsAdapter(project) ||
    serverFields.some((member) => isWsServerType(file, member));

  if (usesWs) {
    const broadcasts = listWsBroadcasts(file, undefined, fieldNames).filter(
      (node) => isInside(node, declaration),
    );
    if (broadcasts.length === 0 || hasBrokerSubscriptionInRun(project, file))
      return;
    context.report({
      node: decorator,
      message: `This ws gateway broadcasts over \`this.server.clients\` (line ${file.getLine(broadcasts[0]!)}), which holds only this process's connections, and nothing in the analysed files subscribes to Redis or another broker.`,
      why: WS_WHY,
      fix: WS_FIX,
      example: WS_EXAMPLE,
      severity: "medium",
      relatedNodes: broadcasts,
    });
    return;
  }

  if (hasAdapterInRun(project, file, true)) return;
  const isServer: ServerTest = (expression) => {
    const value = unwrapExpression(expression);
    return (
      isConventionalServer(value) ||
      (ts.isPropertyAccessExpression(value) &&
        value.expression.kind === ts.SyntaxKind.ThisKeyword &&
        fieldNames.has(value.name.text))
    );
  };
  const emits = listMultiUserEmits(file, isServer).filter((call) =>
    isInside(call, declaration),
  );
  if (emits.length === 0) return;
  context.report({
    node: decorator,
    message: `This gateway emits to other users (${describeEmit(file, emits)}) through Socket.IO's in-memory default adapter: no \`app.useWebSocketAdapter(...)\` with a Redis adapter and no \`server.adapter(...)\` call is in the analysed files.`,
    why: SOCKET_IO_WHY,
    fix: "Register a Redis-backed IoAdapter in main.ts with `app.useWebSocketAdapter(new RedisIoAdapter(app))`, whose `createIOServer` calls `server.adapter(createAdapter(pubClient, subClient))`, and address users through rooms named by user id.",
    example: NEST_EXAMPLE,
    severity: "high",
    relatedNodes: emits,
  });
}

function findGatewayDecorator(
  declaration: ts.ClassDeclaration | ts.ClassExpression,
): ts.Expression | undefined {
  const decorators = ts.canHaveDecorators(declaration)
    ? ts.getDecorators(declaration)
    : undefined;
  for (const decorator of decorators ?? []) {
    const expression = decorator.expression;
    const callee = ts.isCallExpression(expression)
      ? expression.expression
      : expression;
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : undefined;
    if (name === "WebSocketGateway") return expression;
  }
  return undefined;
}

/** True when a `@WebSocketServer()` field is typed as a ws server (`Server` imported from "ws"). */
function isWsServerType(
  file: FileFacts,
  member: ts.PropertyDeclaration,
): boolean {
  const type = member.type;
  if (!type || !ts.isTypeReferenceNode(type)) return false;
  const name = type.typeName;
  if (ts.isIdentifier(name)) return file.getImport(name)?.module === "ws";
  return (
    ts.isIdentifier(name.left) && file.getImport(name.left)?.module === "ws"
  );
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}
