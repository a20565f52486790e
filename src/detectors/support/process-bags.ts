import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import {
  getCalleeName,
  getStringValue,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import { isCollectionLiteral } from "./stores.js";

/** A process-wide object that frameworks share between all requests. */
export type BagKind =
  | "global"
  | "express-locals"
  | "express-setting"
  | "koa-context"
  | "hapi-app"
  | "fastify-decoration";

/** One entry of a process-wide bag: `global.currentUser`, `app.locals.users`. */
export interface BagEntry {
  kind: BagKind;
  /** The entry as the finding names it, such as `app.locals.user`. */
  target: string;
  /** Property names below the entry that the write goes through. */
  rest: string[];
}

const APP_NAMES = /^(app|application|expressApp|koaApp|api)$/;
const SERVER_NAMES = /^(server|hapiServer)$/;
const REQUEST_NAMES = /^(req|request|res|response)$/;
const KOA_CONTEXT_NAMES = /^(ctx|context)$/;
const FASTIFY_NAMES = /^(fastify|app|server|instance|api)$/;

/**
 * Recognises the process-wide bag an access chain starts in, from its root
 * name and property path. The bags are `global.x`, `globalThis.x`, Express
 * `app.locals.x` and `req.app.locals.x`, Koa `app.context.x` and
 * `ctx.app.context.x`, hapi `server.app.x` and `request.server.app.x`, and
 * a Fastify decoration that contains data. hapi's `request.app` is per
 * request and is not a bag. `key` names the entry when the path ends at
 * the bag itself, as for `global.x = v`.
 */
export function matchBag(
  file: FileFacts,
  root: ts.Identifier | ts.ThisExpression,
  path: readonly string[],
  key: string | undefined,
  decorations: () => ReadonlySet<string>,
): BagEntry | undefined {
  const names = key === undefined ? [...path] : [...path, key];
  if (root.kind === ts.SyntaxKind.ThisKeyword)
    return matchDecoration("this", names, decorations);
  const name = (root as ts.Identifier).text;

  if ((name === "global" || name === "globalThis") && !isLocal(file, root)) {
    return entry("global", [name], names);
  }
  if (APP_NAMES.test(name) && names[0] === "locals")
    return entry("express-locals", ["app", "locals"], names.slice(1));
  if (REQUEST_NAMES.test(name) && names[0] === "app" && names[1] === "locals")
    return entry("express-locals", ["app", "locals"], names.slice(2));
  if (APP_NAMES.test(name) && names[0] === "context")
    return entry("koa-context", ["app", "context"], names.slice(1));
  if (
    KOA_CONTEXT_NAMES.test(name) &&
    names[0] === "app" &&
    names[1] === "context"
  ) {
    return entry("koa-context", ["app", "context"], names.slice(2));
  }
  if (SERVER_NAMES.test(name) && names[0] === "app")
    return entry("hapi-app", ["server", "app"], names.slice(1));
  if (REQUEST_NAMES.test(name) && names[0] === "server" && names[1] === "app") {
    return entry("hapi-app", ["server", "app"], names.slice(2));
  }
  if (FASTIFY_NAMES.test(name))
    return matchDecoration(name, names, decorations);
  if (/^(req|request)$/.test(name) && names[0] === "server")
    return matchDecoration("fastify", names.slice(1), decorations);
  return undefined;
}

function matchDecoration(
  owner: string,
  names: readonly string[],
  decorations: () => ReadonlySet<string>,
): BagEntry | undefined {
  const [first] = names;
  if (first === undefined || !decorations().has(first)) return undefined;
  const base = owner === "this" ? "fastify" : owner;
  return entry("fastify-decoration", [base], names);
}

function entry(
  kind: BagKind,
  base: readonly string[],
  names: readonly string[],
): BagEntry | undefined {
  const [first, ...rest] = names;
  if (first === undefined || first === "?") return undefined;
  // `*` is the bag itself (`Object.assign(global, ...)`), `[k]` a computed entry.
  if (first === "*") return { kind, target: base.join("."), rest };
  if (first.startsWith("["))
    return { kind, target: base.join(".") + first, rest };
  return { kind, target: [...base, first].join("."), rest };
}

function isLocal(file: FileFacts, identifier: ts.Identifier): boolean {
  return file.scopes.resolve(identifier) !== undefined;
}

/**
 * Recognises a read of an Express setting, `app.get("onlineUsers")` or
 * `req.app.get("onlineUsers")`, whose value is shared by every request.
 */
export function matchSettingRead(
  expression: ts.Expression,
): BagEntry | undefined {
  const value = unwrapExpression(expression);
  if (!ts.isCallExpression(value) || value.arguments.length !== 1)
    return undefined;
  const callee = unwrapExpression(value.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "get")
    return undefined;
  const key = getStringValue(value.arguments[0]);
  if (!key || !isExpressApp(callee.expression)) return undefined;
  return { kind: "express-setting", target: `app.get("${key}")`, rest: [] };
}

/** True for `app` and `req.app`, the usual names of an Express application. */
export function isExpressApp(expression: ts.Expression): boolean {
  const value = unwrapExpression(expression);
  if (ts.isIdentifier(value)) return APP_NAMES.test(value.text);
  return (
    ts.isPropertyAccessExpression(value) &&
    value.name.text === "app" &&
    ts.isIdentifier(value.expression) &&
    REQUEST_NAMES.test(value.expression.text)
  );
}

/**
 * Lists the names that Fastify plugins of the project decorate with data
 * (`fastify.decorate("onlineUsers", new Map())`); decorations holding
 * functions, clients or other services are left out.
 */
export function listDataDecorations(project: ProjectFacts): Set<string> {
  const names = new Set<string>();
  for (const file of project.listFilesWith(["call:decorate"])) {
    for (const call of file.walk.calls) {
      if (getCalleeName(call) !== "decorate" || call.arguments.length < 2)
        continue;
      const name = getStringValue(call.arguments[0]);
      const value = unwrapExpression(call.arguments[1]!);
      if (name && isDataValue(value)) names.add(name);
    }
  }
  return names;
}

function isDataValue(value: ts.Expression): boolean {
  if (isCollectionLiteral(value) && !ts.isObjectLiteralExpression(value))
    return true;
  if (!ts.isObjectLiteralExpression(value)) return false;
  // An object of functions is a service; an object of values is data.
  return value.properties.every(
    (property) =>
      ts.isPropertyAssignment(property) &&
      !ts.isFunctionLike(unwrapExpression(property.initializer)) &&
      !ts.isNewExpression(unwrapExpression(property.initializer)),
  );
}
