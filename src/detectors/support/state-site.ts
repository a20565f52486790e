import { ts } from "ts-morph";

import {
  findEnclosingFunction,
  getDecoratorArgument,
  getDecoratorNames,
  getObjectPropertyValue,
  getPropertyName,
  getStringValue,
  isFunctionNode,
  unwrapExpression,
  type FunctionNode,
} from "../../engine/ast/nodes.js";
import { HTTP_METHOD_NAMES } from "../../engine/ast/http-methods.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";

/** Location of request code that writes state, for messages and severity. */
export interface WriteSite {
  /** "the POST /cart handler", "the `connection` event handler", "`addToBlacklist`". */
  label: string;
  /** The route path or event name, when one is written literally. */
  route?: string;
  /** The name of the innermost function, when it has one. */
  functionName?: string;
}

const HTTP_METHODS = new Set([...HTTP_METHOD_NAMES]);

const NEST_ROUTES = new Set(["Get", "Post", "Put", "Patch", "Delete", "All"]);

/** Describes the request code around a node, from the innermost function outwards. */
export function describeWriteSite(file: FileFacts, node: ts.Node): WriteSite {
  const innermost = findEnclosingFunction(node);
  const functionName = innermost ? getFunctionName(innermost) : undefined;
  let fn = innermost;
  while (fn) {
    const site = describeFunction(file, fn);
    if (site) return { ...site, functionName };
    fn = findEnclosingFunction(fn);
  }
  if (!functionName) return { label: "request-handling code", functionName };
  // A helper that another file's request code calls: name that file too.
  for (let outer = innermost; outer; outer = findEnclosingFunction(outer)) {
    const caller = file.requestScope.getExternalCaller(outer);
    if (caller)
      return {
        label: `\`${functionName}\` (called from request code in ${caller})`,
        functionName,
      };
  }
  return { label: `\`${functionName}\``, functionName };
}

function describeFunction(
  file: FileFacts,
  fn: FunctionNode,
): WriteSite | undefined {
  const registration = findRegistration(file, fn) ?? describeRouteObject(fn);
  if (registration) return registration;

  if (ts.isMethodDeclaration(fn)) {
    const verb = getDecoratorNames(fn).find((name) => NEST_ROUTES.has(name));
    if (verb) {
      const path = getStringValue(getDecoratorArgument(fn, verb));
      const name = getFunctionName(fn);
      return {
        label: `the ${verb.toUpperCase()} handler \`${name ?? "?"}\``,
        route: path,
      };
    }
  }
  for (const [name, node] of file.walk.exports) {
    const exported = isFunctionNode(node)
      ? node
      : file.resolveFunction(node as ts.Expression);
    if (exported !== fn) continue;
    if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name))
      return { label: `the ${name} route handler`, route: file.path };
    if (name === "handler") return { label: "the exported `handler`" };
    if (name === "default" && /(^|\/)pages\/api\//.test(file.path))
      return { label: "the API route handler", route: file.path };
  }
  return undefined;
}

/** Finds the route or event call a function is passed to, directly or by name. */
function findRegistration(
  file: FileFacts,
  fn: FunctionNode,
): WriteSite | undefined {
  const direct = describeRegistration(fn);
  if (direct) return direct;
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    if (!ts.isVariableDeclaration(fn.parent)) return undefined;
  } else if (!ts.isFunctionDeclaration(fn)) return undefined;

  for (const call of file.walk.calls) {
    for (const argument of call.arguments) {
      if (!ts.isIdentifier(unwrapExpression(argument))) continue;
      if (file.resolveFunction(argument) !== fn) continue;
      const site = describeCall(call, argument, getFunctionName(fn));
      if (site) return site;
    }
  }
  return undefined;
}

/** Describes a handler in a route object: hapi's `server.route({ method, path, handler })`, Fastify's `route({...})`. */
function describeRouteObject(fn: FunctionNode): WriteSite | undefined {
  const property = fn.parent;
  if (!ts.isPropertyAssignment(property) && !ts.isMethodDeclaration(fn))
    return undefined;
  const object = ts.isMethodDeclaration(fn) ? fn.parent : property.parent;
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const name = ts.isMethodDeclaration(fn)
    ? getPropertyName(fn.name)
    : getPropertyName((property as ts.PropertyAssignment).name);
  if (name !== "handler") return undefined;
  const method = getStringValue(getObjectPropertyValue(object, "method"));
  const path = getStringValue(
    getObjectPropertyValue(object, "path") ??
      getObjectPropertyValue(object, "url"),
  );
  if (path === undefined) return { label: "a route handler" };
  return {
    label: `the ${method ? `${method.toUpperCase()} ` : ""}${path} handler`,
    route: path,
  };
}

function describeRegistration(fn: FunctionNode): WriteSite | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call)) return undefined;
  return describeCall(call, fn);
}

function describeCall(
  call: ts.CallExpression,
  argument: ts.Node,
  name?: string,
): WriteSite | undefined {
  if (!call.arguments.some((candidate) => candidate === argument))
    return undefined;
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  let first = getStringValue(call.arguments[0]);
  // `router.route("/cart").post(handler)` names the path on the inner call.
  const receiver = unwrapExpression(callee.expression);
  if (
    first === undefined &&
    ts.isCallExpression(receiver) &&
    ts.isPropertyAccessExpression(receiver.expression) &&
    receiver.expression.name.text === "route"
  )
    first = getStringValue(receiver.arguments[0]);

  if (HTTP_METHODS.has(method)) {
    const verb = method === "del" ? "DELETE" : method.toUpperCase();
    if (first !== undefined)
      return { label: `the ${verb} ${first} handler`, route: first };
    return {
      label: name ? `the ${verb} handler \`${name}\`` : `a ${verb} handler`,
    };
  }
  if (method === "use") {
    if (first !== undefined)
      return { label: `the middleware mounted at ${first}`, route: first };
    return { label: name ? `the \`${name}\` middleware` : "a middleware" };
  }
  if ((method === "on" || method === "once") && first !== undefined)
    return { label: `the \`${first}\` event handler`, route: first };
  return undefined;
}

/** Returns `Class.method`, a function's own name, or the name of the variable holding it. */
export function getFunctionName(fn: FunctionNode): string | undefined {
  if (ts.isMethodDeclaration(fn)) {
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
  const holder = fn.parent;
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name))
    return holder.name.text;
  if (ts.isPropertyAssignment(holder)) return getPropertyName(holder.name);
  return undefined;
}

/** True when a route or name belongs to login, sign-up, OTP or password flows. */
export function isAuthFlow(text: string | undefined): boolean {
  return (
    text !== undefined &&
    /login|log-in|signin|sign-in|signup|sign-up|register|auth|otp|verify|2fa|mfa|password|reset|token|pin\b|code/i.test(
      text,
    )
  );
}

/**
 * True when the function is exported from its module: an exported
 * function or variable, a property or method of an exported object
 * (`module.exports = { setOtp(email, otp) {...} }`), or a method of an
 * exported class.
 */
export function isExportedFunction(file: FileFacts, fn: FunctionNode): boolean {
  for (const exported of file.walk.exports.values()) {
    if (exported === fn) return true;
    if (ts.isClassLike(exported) && fn.parent === exported) return true;
    const value = getExportedValue(file, exported);
    if (!value) continue;
    if (value === fn) return true;
    if (ts.isObjectLiteralExpression(value) && isMemberOf(value, fn))
      return true;
  }
  return false;
}

function getExportedValue(
  file: FileFacts,
  exported: ts.Node,
): ts.Node | undefined {
  let node: ts.Node | undefined = exported;
  if (ts.isIdentifier(node)) node = file.scopes.resolve(node)?.node;
  if (!node) return undefined;
  if (ts.isVariableDeclaration(node))
    return node.initializer && unwrapExpression(node.initializer);
  if (ts.isFunctionDeclaration(node)) return node;
  if (ts.isExpression(node)) return unwrapExpression(node);
  return undefined;
}

function isMemberOf(
  object: ts.ObjectLiteralExpression,
  fn: FunctionNode,
): boolean {
  if (fn.parent === object) return true;
  return ts.isPropertyAssignment(fn.parent) && fn.parent.parent === object;
}
