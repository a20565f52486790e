import type { Declaration } from "../../engine/ast/scope.js";
import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import {
  findAccessRoot,
  findEnclosingFunction,
  getAccessPath,
  getStringValue,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import {
  hasRequestDecorator,
  isPrincipalName,
  matchesPrincipalPattern,
} from "../../engine/ast/principal.js";

/**
 * Strength of a value's tie to the user behind a request: `expression` when it
 * derives from request identity (`req.user.id`, a verified token, an email
 * taken from `req.body`), `name` when only a name says so (a parameter
 * called `token`, `req.params.id`).
 */
export type PrincipalEvidence = "expression" | "name";

/** Request identity and data carried by a value. */
export interface ValueOrigin {
  principal?: PrincipalEvidence;
  /** True when the value is computed from a request handler's parameters. */
  fromRequest: boolean;
  /** The sub-expression that ties the value to the user, for messages. */
  principalNode?: ts.Node;
}

const REQUEST_ROOTS = new Set(["req", "request", "ctx", "context", "c"]);

/** Handler parameters whose whole object identifies the client. */
const WHOLE_REQUEST_OBJECTS =
  /^(req|request|ctx|context|event|res|response|reply|socket|ws|client|connection)$/;

/** Members of a request that lead to process-wide objects, not request data. */
const APPLICATION_MEMBERS = new Set([
  "app",
  "server",
  "log",
  "logger",
  "container",
  "services",
  "models",
  "db",
  "prisma",
]);

/** First members of `req`/`ctx` that identify the client on their own. */
const IDENTITY_MEMBERS = new Set([
  "session",
  "sessionID",
  "sessionId",
  "user",
  "auth",
  "principal",
  "claims",
  "cookies",
  "signedCookies",
  "ip",
  "ips",
]);

/** Request members that carry client input, whose field names decide. */
const INPUT_MEMBERS = new Set([
  "params",
  "body",
  "query",
  "headers",
  "pathParameters",
  "queryStringParameters",
]);

/** Input fields that name the user, a credential or a one-time code. */
const IDENTITY_FIELD =
  /^(user|uid|sub$|sid$|session|email|e-?mail|phone|mobile|token|x-?access-?token|authorization|otp|code$|account|customer|member|username|login|refresh|reset|verification|verify|magic|nonce|state$|api-?key|x-?api-?key|x-?user|x-?tenant|tenant|device|player|visitor|client-?id|owner|author)|(token|email|phone|otp|code|session|nonce|userid|user_id)$/i;

/** Lookups of one header, cookie or query field on a request. */
const IDENTITY_LOOKUP =
  /^(req|request|ctx|c)\.(get|header|cookie)$|(headers|cookies\(\)|cookies|searchParams)\.get$/;

/** Parameters of a handler that are callbacks or errors, not request data. */
const CALLBACK_PARAMETERS = new Set([
  "err",
  "error",
  "next",
  "done",
  "cb",
  "callback",
  "resolve",
  "reject",
  "h",
  "info",
]);

/** Describes what request identity and data an expression carries. */
export function describeValue(
  file: FileFacts,
  expression: ts.Expression | undefined,
  depth = 3,
): ValueOrigin {
  const origin: ValueOrigin = { fromRequest: false };
  if (!expression || depth < 0) return origin;
  visitValue(file, expression, depth, origin);
  return origin;
}

/** Combines two evidence levels, keeping the stronger. */
export function strongerEvidence(
  a: PrincipalEvidence | undefined,
  b: PrincipalEvidence | undefined,
): PrincipalEvidence | undefined {
  if (a === "expression" || b === "expression") return "expression";
  return a ?? b;
}

function record(
  origin: ValueOrigin,
  evidence: PrincipalEvidence | undefined,
  node: ts.Node,
): void {
  if (!evidence) return;
  if (strongerEvidence(origin.principal, evidence) !== origin.principal) {
    origin.principal = evidence;
    origin.principalNode = node;
  } else if (!origin.principalNode) {
    origin.principalNode = node;
  }
}

function visitValue(
  file: FileFacts,
  node: ts.Node,
  depth: number,
  origin: ValueOrigin,
): void {
  if (ts.isTypeNode(node)) return;
  if (ts.isIdentifier(node)) {
    visitIdentifier(file, node, depth, origin, true);
    return;
  }
  if (
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node)
  ) {
    visitAccess(file, node, depth, origin);
    return;
  }
  if (ts.isCallExpression(node)) {
    const callee = unwrapExpression(node.expression).getText(file.sourceFile);
    if (
      matchesPrincipalPattern(`${callee}(`) ||
      readsIdentityField(node, callee)
    )
      record(origin, "expression", node);
    else if (depth > 0) visitReturnedValues(file, node, depth - 1, origin);
  }
  if (ts.isParameter(node)) return;
  if (ts.isPropertyAssignment(node)) {
    if (ts.isIdentifier(node.name) && isPrincipalName(node.name.text))
      record(origin, "name", node.name);
    visitValue(file, node.initializer, depth, origin);
    return;
  }
  ts.forEachChild(node, (child) => visitValue(file, child, depth, origin));
}

/** Follows a call to a function of this file into the values it returns: `requireUserId()` returning `session.user.id`. */
function visitReturnedValues(
  file: FileFacts,
  call: ts.CallExpression,
  depth: number,
  origin: ValueOrigin,
): void {
  const target = file.resolveFunction(call.expression);
  if (!target?.body) return;
  if (!ts.isBlock(target.body)) {
    const inner = describeValue(file, target.body, depth);
    record(origin, inner.principal, call);
    return;
  }
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) {
      const inner = describeValue(file, node.expression, depth);
      record(origin, inner.principal, call);
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(target.body, visit);
}

function visitAccess(
  file: FileFacts,
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  depth: number,
  origin: ValueOrigin,
): void {
  const root = findAccessRoot(node);
  const path = getAccessPath(node);
  if (root && ts.isIdentifier(root)) {
    // `req.app.get("io")` reaches the application, not this request's data.
    if (REQUEST_ROOTS.has(root.text) && APPLICATION_MEMBERS.has(path[0] ?? ""))
      return;
    record(origin, classifyAccess(root.text, path), node);
    visitIdentifier(file, root, depth, origin, false);
  }
  const last = path[path.length - 1];
  if (last && isPrincipalName(last) && /id$|email|token|sub$/i.test(last))
    record(origin, "name", node);

  // Computed keys and calls inside the chain (`a[b].c`, `f(x).y`) carry data too.
  let current: ts.Expression = node;
  while (
    ts.isPropertyAccessExpression(current) ||
    ts.isElementAccessExpression(current)
  ) {
    if (ts.isElementAccessExpression(current))
      visitValue(file, current.argumentExpression, depth, origin);
    current = unwrapExpression(current.expression);
  }
  if (!ts.isIdentifier(current) && current.kind !== ts.SyntaxKind.ThisKeyword)
    visitValue(file, current, depth, origin);
}

/** True for `req.get("x-user-id")`, `request.headers.get("authorization")`, `cookies().get("session")`. */
function readsIdentityField(call: ts.CallExpression, callee: string): boolean {
  if (!IDENTITY_LOOKUP.test(callee)) return false;
  const field = getStringValue(call.arguments[0]);
  return field !== undefined && IDENTITY_FIELD.test(field);
}

/** Classifies an access chain such as `req.user.id` or `req.params.productId`. */
function classifyAccess(
  root: string,
  path: readonly string[],
): PrincipalEvidence | undefined {
  const [first, second, third] = path;
  if (first === undefined) return undefined;
  if (REQUEST_ROOTS.has(root) || root === "event") {
    if (IDENTITY_MEMBERS.has(first) || first === "requestContext")
      return "expression";
    if (first === "state" && second && /^(user|session|auth)/.test(second))
      return "expression";
    if (
      (first === "socket" || first === "connection") &&
      second === "remoteAddress"
    )
      return "expression";
    const field =
      first === "request" && second && INPUT_MEMBERS.has(second)
        ? third
        : INPUT_MEMBERS.has(first)
          ? second
          : undefined;
    if (field === undefined) return undefined;
    if (IDENTITY_FIELD.test(field)) return "expression";
    return field === "id" ? "name" : undefined;
  }
  if (/^(socket|client|ws|connection|conn)$/.test(root))
    return /^(id|handshake|data|user|userId|request)$/.test(first)
      ? "expression"
      : undefined;
  const text = [root, ...path].join(".");
  return matchesPrincipalPattern(text) ? "expression" : undefined;
}

/**
 * Judges a name by where its value comes from. A handler parameter is
 * request data, and a local variable carries what its initializer carries.
 * Only parameters and loop variables are judged by their names, because a
 * local `const token = await getServiceToken()` is not the user's token.
 */
function visitIdentifier(
  file: FileFacts,
  identifier: ts.Identifier,
  depth: number,
  origin: ValueOrigin,
  whole: boolean,
): void {
  const declaration = file.scopes.resolve(identifier);
  if (!declaration) {
    if (REQUEST_ROOTS.has(identifier.text)) origin.fromRequest = true;
    return;
  }
  if (file.isModuleLevel(declaration)) return;

  if (declaration.kind === "parameter") {
    const parameter = declaration.node as ts.ParameterDeclaration;
    if (hasRequestDecorator(parameter)) {
      origin.fromRequest = true;
      record(origin, "expression", identifier);
      return;
    }
    if (isHandlerParameter(file, parameter, identifier.text)) {
      origin.fromRequest = true;
      // The request, response or socket object itself carries the user.
      if (whole && WHOLE_REQUEST_OBJECTS.test(identifier.text))
        record(origin, "expression", identifier);
    }
    if (isPrincipalName(identifier.text)) record(origin, "name", identifier);
    return;
  }
  if (
    declaration.kind !== "const" &&
    declaration.kind !== "let" &&
    declaration.kind !== "var"
  )
    return;

  const source = declaration.initializer ?? declaration.patternSource;
  if (!source) {
    if (isPrincipalName(identifier.text)) record(origin, "name", identifier);
    // `let entry; ... entry = { userId, controller }`: follow the assignments.
    if (depth > 0) visitAssignedValues(file, declaration, depth - 1, origin);
    return;
  }
  if (depth <= 0) return;
  const inner = describeValue(file, source, depth - 1);
  if (inner.fromRequest) origin.fromRequest = true;
  // `const { email } = req.body` names the field it takes.
  const destructuredIdentity =
    declaration.patternSource !== undefined &&
    inner.fromRequest &&
    IDENTITY_FIELD.test(identifier.text);
  record(
    origin,
    destructuredIdentity ? "expression" : inner.principal,
    identifier,
  );
  // `const userId = await requireUserId()`: the name still says what the
  // value is when its source cannot be followed.
  if (!inner.principal && isPrincipalName(identifier.text)) {
    record(origin, "name", identifier);
  }
}

function visitAssignedValues(
  file: FileFacts,
  declaration: Declaration,
  depth: number,
  origin: ValueOrigin,
): void {
  for (const mutation of file.listMutations(declaration)) {
    if (mutation.kind !== "reassign" || !mutation.value) continue;
    const inner = describeValue(file, mutation.value, depth);
    if (inner.fromRequest) origin.fromRequest = true;
    record(origin, inner.principal, mutation.value);
  }
}

/** True for a data parameter of a request handler itself (not of a helper it calls). */
function isHandlerParameter(
  file: FileFacts,
  parameter: ts.ParameterDeclaration,
  name: string,
): boolean {
  if (CALLBACK_PARAMETERS.has(name)) return false;
  const owner = parameter.parent;
  const depth = file.requestScope.getDepth(owner);
  if (depth !== 0) return false;
  // A function nested in a handler shares its depth; only the handler's own parameters are request data.
  const enclosing = findEnclosingFunction(parameter);
  return enclosing === owner;
}
