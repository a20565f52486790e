import { ts } from "ts-morph";

import {
  findEnclosingFunction,
  getCalleeName,
  getDecoratorArgument,
  getDecoratorNames,
  getPropertyName,
  getStringValue,
  unwrapExpression,
  type FunctionNode,
} from "../../engine/ast/nodes.js";
import { HTTP_METHOD_NAMES } from "../../engine/ast/http-methods.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import { climbWrappers } from "./use-sites.js";

/** Router methods that mount middleware or handlers on a path. */
const ROUTE_VERBS = new Set([...HTTP_METHOD_NAMES, "use"]);

const NEST_ROUTE_DECORATORS = new Map([
  ["Get", "GET"],
  ["Post", "POST"],
  ["Put", "PUT"],
  ["Patch", "PATCH"],
  ["Delete", "DELETE"],
  ["All", "ALL"],
]);

/** A route registration that a middleware or handler is passed to. */
export interface RouteMount {
  /** Router method in upper case: `POST`, or `USE` for middleware. */
  method: string;
  /** The mount path, when it is a literal. */
  path?: string;
}

/**
 * Finds the route registration an expression is passed to, as in
 * `app.post("/login", limiter, handler)`, `router.use("/auth", [limiter])`
 * or `router.route("/login").post(limiter, handler)`.
 */
export function findRouteMount(argument: ts.Node): RouteMount | undefined {
  let node = climbWrappers(argument);
  if (node.parent && ts.isArrayLiteralExpression(node.parent))
    node = node.parent;
  const call = node.parent;
  if (!call || !ts.isCallExpression(call)) return undefined;
  if (!call.arguments.some((candidate) => candidate === node)) return undefined;

  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const verb = callee.name.text;
  if (!ROUTE_VERBS.has(verb)) return undefined;

  let path = getStringValue(call.arguments[0]);
  const receiver = unwrapExpression(callee.expression);
  if (
    path === undefined &&
    ts.isCallExpression(receiver) &&
    getCalleeName(receiver) === "route"
  ) {
    path = getStringValue(receiver.arguments[0]);
  }
  return { method: verb.toUpperCase(), path };
}

/** Lists the routes a function is mounted on, directly or through the name it is declared under. */
export function listFunctionMounts(
  file: FileFacts,
  fn: FunctionNode,
): RouteMount[] {
  const mounts: RouteMount[] = [];
  const direct = findRouteMount(fn);
  if (direct) mounts.push(direct);

  const declaration = findFunctionDeclaration(file, fn);
  if (declaration) {
    for (const reference of file.listReferences(declaration)) {
      const mount = findRouteMount(reference);
      if (mount) mounts.push(mount);
    }
  }
  const nest = findNestRoute(fn);
  if (nest) mounts.push(nest);
  return mounts;
}

function findFunctionDeclaration(file: FileFacts, fn: FunctionNode) {
  if (ts.isFunctionDeclaration(fn) && fn.name)
    return file.scopes.resolve(fn.name);
  const holder = climbWrappers(fn).parent;
  if (
    holder &&
    ts.isVariableDeclaration(holder) &&
    ts.isIdentifier(holder.name)
  ) {
    return file.walk.declarations.find(
      (declaration) => declaration.node === holder,
    );
  }
  return undefined;
}

/** Reads `@Post("login")` on a Nest controller method, joined with the `@Controller("auth")` prefix. */
export function findNestRoute(fn: FunctionNode): RouteMount | undefined {
  if (!ts.isMethodDeclaration(fn)) return undefined;
  const verb = getDecoratorNames(fn).find((name) =>
    NEST_ROUTE_DECORATORS.has(name),
  );
  if (!verb) return undefined;
  const methodPath = getStringValue(getDecoratorArgument(fn, verb)) ?? "";
  const prefix = ts.isClassLike(fn.parent)
    ? (getStringValue(getDecoratorArgument(fn.parent, "Controller")) ?? "")
    : "";
  const path = `/${[prefix, methodPath]
    .map((part) => part.replace(/^\/+|\/+$/g, ""))
    .filter((part) => part.length > 0)
    .join("/")}`;
  return { method: NEST_ROUTE_DECORATORS.get(verb)!, path };
}

/** Lists the routes of the request functions around a node, innermost first. */
export function listEnclosingMounts(
  file: FileFacts,
  node: ts.Node,
): RouteMount[] {
  const mounts: RouteMount[] = [];
  let fn = findEnclosingFunction(node);
  while (fn) {
    mounts.push(...listFunctionMounts(file, fn));
    fn = findEnclosingFunction(fn);
  }
  return mounts;
}

/**
 * Describes where request code runs, for messages: "the POST /login
 * handler", "`AuthService.sendOtp`", "`verifyOtp`", or "request-handling
 * code" when nothing names it.
 */
export function describeRequestSite(file: FileFacts, node: ts.Node): string {
  const [mount] = listEnclosingMounts(file, node);
  if (mount?.path !== undefined) {
    return mount.method === "USE"
      ? `the middleware mounted at ${mount.path}`
      : `the ${mount.method} ${mount.path} handler`;
  }
  const fn = findEnclosingFunction(node);
  const name = fn ? getFunctionName(fn) : undefined;
  if (name) return `\`${name}\``;
  if (mount)
    return mount.method === "USE" ? "middleware" : `a ${mount.method} handler`;
  return "request-handling code";
}

/** Returns `Class.method`, a function's own name, or the variable it is assigned to. */
export function getFunctionName(fn: FunctionNode): string | undefined {
  if (ts.isMethodDeclaration(fn) && fn.name) {
    const method = getPropertyName(fn.name);
    const owner = ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
    return owner && method ? `${owner}.${method}` : method;
  }
  if (
    (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) &&
    fn.name
  ) {
    return fn.name.text;
  }
  const holder = climbWrappers(fn).parent;
  if (
    holder &&
    ts.isVariableDeclaration(holder) &&
    ts.isIdentifier(holder.name)
  )
    return holder.name.text;
  if (holder && ts.isPropertyAssignment(holder))
    return getPropertyName(holder.name);
  return undefined;
}
