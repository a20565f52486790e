import { ts } from "ts-morph";

import {
  getCalleeName,
  getStringValue,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import type { Declaration } from "../../engine/ast/scope.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import { isCollectionLiteral } from "./stores.js";
import { climbWrappers, type Binding } from "./use-sites.js";

/** Names that conventionally hold a ws server. */
const WS_SERVER_NAME =
  /^(wss|wsServer|webSocketServer|websocketServer|socketServer)$/;
const ITERATING_METHODS = new Set([
  "forEach",
  "values",
  "entries",
  "keys",
  "map",
  "filter",
]);
const CONNECTION_EVENTS = new Set(["connection", "connect", "open"]);

/**
 * Lists the places where a file sends to connections held in this process.
 * These are loops over the ws server's `clients` set, and loops or lookups
 * that `.send(...)` over a collection the `connection` handler fills with
 * sockets.
 */
export function listWsBroadcasts(
  file: FileFacts,
  binding: Binding | undefined,
  serverFields: ReadonlySet<string> = new Set(),
): ts.Node[] {
  const isServer = (expression: ts.Expression): boolean => {
    const value = unwrapExpression(expression);
    if (ts.isIdentifier(value)) {
      if (binding?.kind === "variable")
        if (file.scopes.resolve(value) === binding.declaration) return true;
      return WS_SERVER_NAME.test(value.text);
    }
    if (ts.isPropertyAccessExpression(value)) {
      const name = value.name.text;
      if (binding?.kind === "field" && binding.name === name) return true;
      return serverFields.has(name) || WS_SERVER_NAME.test(name);
    }
    return ts.isCallExpression(value) && getCalleeName(value) === "getWss";
  };

  const broadcasts: ts.Node[] = [];
  for (const identifier of file.walk.findIdentifiers("clients")) {
    const access = identifier.parent;
    if (
      ts.isPropertyAccessExpression(access) &&
      access.name === identifier &&
      isServer(access.expression) &&
      isIterated(access)
    ) {
      broadcasts.push(access);
    }
  }
  for (const declaration of file.walk.declarations) {
    broadcasts.push(...listRegistrySends(file, declaration));
  }
  return broadcasts;
}

/** True when an expression is looped over: `for...of`, `forEach`, spread, `Array.from`, `Object.values`. */
function isIterated(expression: ts.Expression): boolean {
  const node = climbWrappers(expression);
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isForOfStatement(parent) && parent.expression === node) return true;
  if (ts.isSpreadElement(parent)) return true;
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === node &&
    ITERATING_METHODS.has(parent.name.text)
  ) {
    return true;
  }
  if (
    ts.isCallExpression(parent) &&
    parent.arguments.includes(node as ts.Expression)
  ) {
    const callee = parent.expression.getText();
    return /^(Array\.from|Object\.(values|entries|keys))$/.test(callee);
  }
  return false;
}

/**
 * Lists sends over a module or closure collection of connections: the
 * collection is filled with the socket of a `connection` handler and is
 * then looped over or looked up (`clients.get(id)`, `clients[id]`) in a
 * statement that matches `sendCall` (`.send(...)` by default).
 */
export function listRegistrySends(
  file: FileFacts,
  declaration: Declaration,
  sendCall = /\.send\s*\(/,
): ts.Node[] {
  if (!declaration.initializer || !isCollectionLiteral(declaration.initializer))
    return [];
  if (file.isInRequestScope(declaration.node)) return [];
  const holdsSockets = file
    .listMutations(declaration)
    .some(
      (mutation) =>
        mutation.value !== undefined &&
        referencesConnection(file, mutation.value),
    );
  if (!holdsSockets) return [];

  const sends: ts.Node[] = [];
  for (const reference of file.listReferences(declaration)) {
    const node = climbWrappers(reference);
    const parent = node.parent;
    const isLookup =
      (parent &&
        ts.isPropertyAccessExpression(parent) &&
        parent.name.text === "get") ||
      (parent &&
        ts.isElementAccessExpression(parent) &&
        parent.expression === node);
    if (!isIterated(reference) && !isLookup) continue;
    const statement = findStatement(reference);
    if (statement && sendCall.test(statement.getText(file.sourceFile)))
      sends.push(reference);
  }
  return sends;
}

/** True when the expression mentions the socket parameter of a `connection` handler. */
function referencesConnection(
  file: FileFacts,
  expression: ts.Expression,
): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && isConnectionParameter(file, node)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

function isConnectionParameter(
  file: FileFacts,
  identifier: ts.Identifier,
): boolean {
  const declaration = file.scopes.resolve(identifier);
  if (declaration?.kind !== "parameter") return false;
  const handler = declaration.scope;
  if (!ts.isParameter(declaration.node) || handler.parent === undefined)
    return false;
  if ((handler as ts.SignatureDeclaration).parameters?.[0] !== declaration.node)
    return false;
  const call = climbWrappers(handler).parent;
  if (!call || !ts.isCallExpression(call)) return false;
  const name = getCalleeName(call);
  const event = getStringValue(call.arguments[0]);
  return (
    (name === "on" || name === "once" || name === "addListener") &&
    event !== undefined &&
    CONNECTION_EVENTS.has(event)
  );
}

function findStatement(node: ts.Node): ts.Statement | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isStatement(current)) current = current.parent;
  return current as ts.Statement | undefined;
}
