import { ts } from "ts-morph";

import {
  findEnclosingFunction,
  getDecoratorNames,
  getPropertyName,
  getStringValue,
  isFunctionNode,
  unwrapExpression,
  type FunctionNode,
} from "../ast/nodes.js";
import { HTTP_METHOD_NAMES } from "../ast/http-methods.js";
import type { WalkResult } from "./walk-file.js";

/** Methods that register route handlers or middleware on a server or router. */
const ROUTE_METHODS = new Set([
  ...HTTP_METHOD_NAMES,
  "use",
  "route",
  "handle",
  "any",
  "on",
  "once",
  "addListener",
  "addHook",
  "middleware",
  "hears",
  "command",
]);

/** Lifecycle hooks that run once, so whatever they write is start-up state. */
const STARTUP_EVENTS = new Set([
  "listening",
  "ready",
  "start",
  "close",
  "exit",
  "error",
  "SIGTERM",
  "SIGINT",
  "SIGHUP",
  "uncaughtException",
  "unhandledRejection",
  "beforeExit",
  "onReady",
  "onClose",
  "onListen",
  "onRegister",
  "onRoute",
]);

/** Object properties whose function value runs per request. */
const HANDLER_PROPERTIES = new Set([
  "handler",
  "preHandler",
  "onRequest",
  "preValidation",
  "preParsing",
  "preSerialization",
  "onSend",
  "onResponse",
  "resolve",
  "subscribe",
  "middleware",
]);

const RESOLVER_TYPES = new Set(["Query", "Mutation", "Subscription"]);

/** Nest decorators that mark a request-serving class. */
export const NEST_SINGLETON_DECORATORS = new Set([
  "Injectable",
  "Controller",
  "Resolver",
  "WebSocketGateway",
]);

/** Nest hooks that run at start-up or shutdown, not per request. */
export const NEST_LIFECYCLE_METHODS = new Set([
  "constructor",
  "onModuleInit",
  "onApplicationBootstrap",
  "onModuleDestroy",
  "beforeApplicationShutdown",
  "onApplicationShutdown",
  "afterInit",
  "configure",
]);

const REQUEST_PARAMETER_NAMES = new Set([
  "req",
  "request",
  "res",
  "response",
  "reply",
  "ctx",
]);

const REQUEST_PARAMETER_TYPES =
  /\b(Request|Response|FastifyRequest|FastifyReply|Context|ParameterizedContext|NextRequest|NextApiRequest|NextApiResponse|APIGatewayProxyEvent\w*|ALBEvent|Hapi\.Request|ResponseToolkit|IncomingMessage|ServerResponse)\b/;

const HTTP_METHOD_EXPORTS = new Set([
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
]);

/** A function in another module that request code calls, by module specifier and export name. */
export interface ExternalCall {
  module: string;
  exportName: string;
  depth: number;
  /** Path of the file whose request code makes the call. */
  from: string;
}

const MAX_HOPS = 2;

/**
 * Decides which functions of a file run while serving a request: route
 * handlers, middleware, socket and GraphQL handlers, Nest endpoints,
 * serverless handlers, and the functions those call up to two levels deep.
 */
export class RequestScope {
  /** Request functions with their call depth from a handler (0 = the handler itself). */
  private readonly depths = new Map<FunctionNode, number>();
  private readonly externalCalls: ExternalCall[] = [];
  /** Exported functions that request code of another file calls, with that file's path. */
  private readonly externalCallers = new Map<FunctionNode, string>();
  private computed = false;
  private handlerNames?: Set<string>;
  readonly serverless: boolean;

  constructor(
    private readonly walk: WalkResult,
    private readonly path: string,
    private readonly resolveFunction: (
      expression: ts.Expression,
    ) => FunctionNode | undefined,
    private readonly describeImport: (
      expression: ts.Expression,
    ) => { module: string; exportName: string } | undefined,
  ) {
    this.serverless =
      isServerlessPath(path) ||
      walk.directives.has("use server") ||
      walk.exports.has("handler");
  }

  /** Marks an exported function as request code because request code in the file at `from` calls it. */
  addExternalRoot(exportName: string, depth: number, from: string): boolean {
    const exported = this.walk.exports.get(exportName);
    if (!exported) return false;
    const target = isFunctionNode(exported)
      ? exported
      : this.resolveExported(exported);
    if (!target) return false;
    const known = this.depths.get(target);
    if (known !== undefined && known <= depth) return false;
    this.depths.set(target, depth);
    this.externalCallers.set(target, from);
    this.computed = false;
    return true;
  }

  /** Returns the path of the file whose request code calls this exported function, if another file's does. */
  getExternalCaller(fn: FunctionNode): string | undefined {
    return this.externalCallers.get(fn);
  }

  /** Finds the function an export denotes: a declaration, `export const f = () => {}`, or a named value. */
  private resolveExported(node: ts.Node): FunctionNode | undefined {
    if (isFunctionNode(node)) return node;
    if (ts.isVariableDeclaration(node)) {
      return node.initializer
        ? this.resolveFunction(node.initializer)
        : undefined;
    }
    return ts.isExpression(node) ? this.resolveFunction(node) : undefined;
  }

  /** Lists calls from request code into other modules, for cross-file linking. */
  listExternalCalls(): ExternalCall[] {
    this.ensureComputed();
    return this.externalCalls;
  }

  /** Returns the request depth of the innermost request function around the node, if any. */
  getDepth(node: ts.Node): number | undefined {
    this.ensureComputed();
    let fn = isFunctionNode(node) ? node : findEnclosingFunction(node);
    while (fn) {
      const depth = this.depths.get(fn);
      if (depth !== undefined) return depth;
      fn = findEnclosingFunction(fn);
    }
    return undefined;
  }

  isInRequestScope(node: ts.Node): boolean {
    return this.getDepth(node) !== undefined;
  }

  /** Lists the request functions found in this file with their depths. */
  listRequestFunctions(): [FunctionNode, number][] {
    this.ensureComputed();
    return [...this.depths];
  }

  private ensureComputed(): void {
    if (this.computed) return;
    this.computed = true;
    this.collectRoots();
    // Without a handler there is nothing to follow calls from.
    if (this.depths.size > 0) this.followCalls();
  }

  private addRoot(fn: FunctionNode | undefined, depth = 0): void {
    if (!fn) return;
    const known = this.depths.get(fn);
    if (known === undefined || depth < known) this.depths.set(fn, depth);
  }

  private addHandlerArgument(argument: ts.Expression): void {
    const value = unwrapExpression(argument);
    if (isFunctionNode(value)) {
      this.addRoot(value);
      return;
    }
    // Resolving a name builds the file's scope table; skip names that no
    // function or import of this file carries.
    if (!this.mayNameHandler(value)) return;
    const local = this.resolveFunction(value);
    if (local) {
      this.addRoot(local);
      return;
    }
    const imported = this.describeImport(value);
    if (imported)
      this.externalCalls.push({ ...imported, depth: 0, from: this.path });
  }

  private mayNameHandler(value: ts.Expression): boolean {
    let root = value;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root)) return false;
    if (!this.handlerNames) {
      this.handlerNames = new Set(
        this.walk.imports.map((binding) => binding.local),
      );
      for (const fn of this.walk.functions) {
        const name = getFunctionName(fn);
        if (name) this.handlerNames.add(name);
      }
    }
    return this.handlerNames.has(root.text);
  }

  private collectRoots(): void {
    for (const call of this.walk.calls) this.collectRouteCall(call);
    for (const object of this.walk.objectLiterals)
      this.collectHandlerObject(object);
    for (const fn of this.walk.functions) {
      if (hasRequestParameters(fn)) this.addRoot(fn);
      if (fn.body && ts.isBlock(fn.body) && hasUseServerDirective(fn.body))
        this.addRoot(fn);
    }
    for (const declaration of this.walk.classes)
      this.collectNestClass(declaration);
    this.collectServerlessExports();
  }

  private collectRouteCall(call: ts.CallExpression): void {
    const callee = unwrapExpression(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (!ROUTE_METHODS.has(method)) return;

    const event = getStringValue(call.arguments[0]);
    if (event !== undefined && STARTUP_EVENTS.has(event)) return;
    if (
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === "process"
    )
      return;

    for (const argument of call.arguments) {
      if (
        ts.isStringLiteralLike(argument) ||
        ts.isObjectLiteralExpression(argument)
      )
        continue;
      this.addHandlerArgument(argument);
    }
  }

  private collectHandlerObject(object: ts.ObjectLiteralExpression): void {
    for (const property of object.properties) {
      const name = property.name ? getPropertyName(property.name) : undefined;
      if (!name) continue;

      if (HANDLER_PROPERTIES.has(name)) {
        if (ts.isMethodDeclaration(property)) this.addRoot(property);
        else if (ts.isPropertyAssignment(property))
          this.addHandlerArgument(property.initializer);
      }
      if (RESOLVER_TYPES.has(name) && ts.isPropertyAssignment(property)) {
        const resolvers = unwrapExpression(property.initializer);
        if (ts.isObjectLiteralExpression(resolvers))
          this.collectResolverMap(resolvers);
      }
    }
  }

  private collectResolverMap(resolvers: ts.ObjectLiteralExpression): void {
    for (const resolver of resolvers.properties) {
      if (ts.isMethodDeclaration(resolver)) this.addRoot(resolver);
      else if (ts.isPropertyAssignment(resolver)) {
        const value = unwrapExpression(resolver.initializer);
        if (ts.isObjectLiteralExpression(value))
          this.collectHandlerObject(value);
        else this.addHandlerArgument(value);
      }
    }
  }

  private collectNestClass(
    declaration: ts.ClassDeclaration | ts.ClassExpression,
  ): void {
    const decorators = getDecoratorNames(declaration);
    if (!decorators.some((name) => NEST_SINGLETON_DECORATORS.has(name))) return;
    for (const member of declaration.members) {
      if (
        !ts.isMethodDeclaration(member) &&
        !ts.isGetAccessorDeclaration(member)
      )
        continue;
      const name = member.name ? getPropertyName(member.name) : undefined;
      if (!name || NEST_LIFECYCLE_METHODS.has(name)) continue;
      this.addRoot(member);
    }
  }

  private collectServerlessExports(): void {
    const isRoute = /(^|\/)route\.[cm]?[jt]sx?$/.test(this.path);
    const isPagesApi = /(^|\/)pages\/api\//.test(this.path);
    const isMiddleware = /(^|\/)(src\/)?middleware\.[cm]?[jt]s$/.test(
      this.path,
    );
    const isServerActions = this.walk.directives.has("use server");

    for (const [name, node] of this.walk.exports) {
      const serves =
        name === "handler" ||
        (isRoute && HTTP_METHOD_EXPORTS.has(name)) ||
        (isPagesApi && name === "default") ||
        (isMiddleware && (name === "middleware" || name === "default")) ||
        isServerActions;
      if (!serves) continue;
      this.addRoot(isFunctionNode(node) ? node : this.resolveExported(node));
    }
  }

  /** Adds functions called from request code, up to {@link MAX_HOPS} levels deep. */
  private followCalls(): void {
    for (let round = 0; round < MAX_HOPS; round++) {
      let added = false;
      for (const call of this.walk.calls) {
        const caller = findEnclosingFunction(call);
        if (!caller) continue;
        const depth = this.getDepthWithoutCompute(caller);
        if (depth === undefined || depth >= MAX_HOPS) continue;

        const callee = unwrapExpression(call.expression);
        const target =
          this.resolveFunction(callee) ?? findThisMethod(call, callee);
        if (target) {
          const known = this.depths.get(target);
          if (known === undefined || known > depth + 1) {
            this.depths.set(target, depth + 1);
            added = true;
          }
          continue;
        }
        const imported = this.describeImport(callee);
        if (
          imported &&
          !this.externalCalls.some(
            (c) =>
              c.module === imported.module &&
              c.exportName === imported.exportName &&
              c.depth <= depth + 1,
          )
        ) {
          this.externalCalls.push({
            ...imported,
            depth: depth + 1,
            from: this.path,
          });
        }
      }
      if (!added) break;
    }
  }

  private getDepthWithoutCompute(fn: FunctionNode): number | undefined {
    let current: FunctionNode | undefined = fn;
    while (current) {
      const depth = this.depths.get(current);
      if (depth !== undefined) return depth;
      current = findEnclosingFunction(current);
    }
    return undefined;
  }
}

/** Returns the name a function is known by: its own, or the variable or property it is assigned to. */
function getFunctionName(fn: FunctionNode): string | undefined {
  if (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) {
    if (fn.name) return fn.name.text;
  }
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name))
    return fn.name.text;
  return undefined;
}

function hasRequestParameters(fn: FunctionNode): boolean {
  for (const parameter of fn.parameters) {
    if (
      ts.isIdentifier(parameter.name) &&
      REQUEST_PARAMETER_NAMES.has(parameter.name.text)
    ) {
      return true;
    }
    if (
      parameter.type &&
      REQUEST_PARAMETER_TYPES.test(parameter.type.getText())
    )
      return true;
  }
  return false;
}

function hasUseServerDirective(body: ts.Block): boolean {
  const first = body.statements[0];
  return (
    first !== undefined &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server"
  );
}

/** Finds the method called by `this.name(...)` in the caller's class. */
function findThisMethod(
  call: ts.CallExpression,
  callee: ts.Expression,
): FunctionNode | undefined {
  if (
    !ts.isPropertyAccessExpression(callee) ||
    callee.expression.kind !== ts.SyntaxKind.ThisKeyword
  ) {
    return undefined;
  }
  let current: ts.Node | undefined = call.parent;
  while (current && !ts.isClassLike(current)) current = current.parent;
  if (!current) return undefined;
  for (const member of current.members) {
    if (
      (ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) &&
      member.name &&
      getPropertyName(member.name) === callee.name.text
    ) {
      if (ts.isMethodDeclaration(member)) return member;
      const value = member.initializer && unwrapExpression(member.initializer);
      if (value && isFunctionNode(value)) return value;
    }
  }
  return undefined;
}

/** True for paths that serverless platforms run per invocation. */
export function isServerlessPath(path: string): boolean {
  return (
    /(^|\/)app\/(.+\/)?route\.[cm]?[jt]sx?$/.test(path) ||
    /(^|\/)pages\/api\//.test(path) ||
    /(^|\/)netlify\/functions\//.test(path)
  );
}
