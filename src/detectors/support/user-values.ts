import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import {
  findAccessRoot,
  findEnclosingFunction,
  getDecoratorNames,
  isFunctionNode,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import { isPrincipalName } from "../../engine/ast/principal.js";

/** Nest parameter decorators that bind a whole request payload, not an identity. */
const PAYLOAD_DECORATORS = new Set([
  "Body",
  "Param",
  "Query",
  "Headers",
  "MessageBody",
  "Args",
  "Payload",
]);

/** Property names of a payload that identify a user, session or token. */
const USER_PROPERTY =
  /^(user|userId|user_id|uid|sub|sid|sessionId|session_id|email|phone|phoneNumber|username|login|token|accessToken|refreshToken|jti|otp|socketId|clientId|accountId|customerId|memberId|playerId|visitorId)$/i;

/**
 * True when the expression identifies or describes the user behind the
 * request. Stricter than the engine's principal check for Nest payload
 * parameters: a whole `@Body() dto` or `dto.sku` is request data but not a
 * user, while `dto.userId` is.
 */
export function isUserValue(
  file: FileFacts,
  expression: ts.Expression | undefined,
): boolean {
  if (!expression) return false;
  const value = unwrapExpression(expression);
  if (isPayloadParameter(file, value)) {
    if (ts.isIdentifier(value)) return isPrincipalName(value.text);
    return listAccessNames(value).some((name) => USER_PROPERTY.test(name));
  }
  return file.isPrincipal(value) || CREDENTIAL_HEADER.test(value.getText());
}

/** Request headers that carry the caller's credentials. */
const CREDENTIAL_HEADER =
  /\b(req|request|ctx)\s*\.\s*(headers\s*(\.\s*|\[\s*["'`])(authorization|cookie|x-api-key)|get\(\s*["'`](authorization|cookie))/i;

function isPayloadParameter(
  file: FileFacts,
  expression: ts.Expression,
): boolean {
  const root = findAccessRoot(expression);
  if (!root || !ts.isIdentifier(root)) return false;
  const declaration = file.scopes.resolve(root);
  if (declaration?.kind !== "parameter") return false;
  const parameter = declaration.node as ts.ParameterDeclaration;
  return getDecoratorNames(parameter).some((name) =>
    PAYLOAD_DECORATORS.has(name),
  );
}

function listAccessNames(expression: ts.Expression): string[] {
  const names: string[] = [];
  let current = unwrapExpression(expression);
  while (
    ts.isPropertyAccessExpression(current) ||
    ts.isElementAccessExpression(current)
  ) {
    if (ts.isPropertyAccessExpression(current)) names.push(current.name.text);
    current = unwrapExpression(current.expression);
  }
  return names;
}

/**
 * True when the expression is built from values of a request function:
 * one of its parameters, or a local variable computed from them. Values
 * that only come from module scope, `this` or literals are start-up data.
 * `requestFunctions` adds functions known to serve requests that the
 * engine's request scope does not cover, such as methods of a shared
 * instance called from a handler in another file.
 */
export function tracesToRequest(
  file: FileFacts,
  expression: ts.Expression | undefined,
  requestFunctions: ReadonlySet<ts.Node> = new Set(),
  depth = 3,
): boolean {
  if (!expression || depth < 0) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node)) {
      if (!isPropertyName(node))
        found = isRequestIdentifier(file, node, requestFunctions, depth);
      return;
    }
    // A callback defined inline is code, not a value of the request.
    if (isFunctionNode(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

function isRequestIdentifier(
  file: FileFacts,
  identifier: ts.Identifier,
  requestFunctions: ReadonlySet<ts.Node>,
  depth: number,
): boolean {
  const declaration = file.scopes.resolve(identifier);
  if (!declaration || file.isModuleLevel(declaration)) return false;
  if (declaration.kind === "parameter") {
    const owner = declaration.scope;
    return (
      isFunctionNode(owner) &&
      (requestFunctions.has(owner) ||
        file.requestScope.getDepth(owner) !== undefined)
    );
  }
  if (
    declaration.kind !== "const" &&
    declaration.kind !== "let" &&
    declaration.kind !== "var"
  ) {
    return false;
  }
  const source = declaration.initializer ?? declaration.patternSource;
  if (source) return tracesToRequest(file, source, requestFunctions, depth - 1);
  // `let user; ... user = req.user` inside a request function.
  const owner = findEnclosingFunction(declaration.node);
  return owner !== undefined && file.requestScope.getDepth(owner) === 0;
}

/** True for `b` in `a.b` and `{ b: v }`, which name properties rather than values. */
export function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === identifier) ||
    (ts.isPropertyAssignment(parent) && parent.name === identifier)
  );
}

/** Names of values that are code or services, not per-user data: `handler`, `strategy`, `repository`. */
const CODE_NAME =
  /(handler|strategy|listener|callback|cb|fn|func|factory|provider|plugin|processor|command|module|service|repository|repo|guard|resolver|middleware|hook|validator|serializer|adapter)s?$/i;

/** Constructors of service objects: `new HttpClient(url)`, `new Pool(config)`. */
const SERVICE_CLASS =
  /(Client|Connection|Pool|Agent|Service|Repository|Provider|Adapter|Strategy|Handler|Emitter|Logger|Server|Producer|Consumer)$/;

/** True when a written value is a function, a class or a service object rather than user data. */
export function isCodeValue(expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  const value = unwrapExpression(expression);
  if (isFunctionNode(value) || ts.isClassExpression(value)) return true;
  if (ts.isIdentifier(value)) return CODE_NAME.test(value.text);
  if (ts.isPropertyAccessExpression(value))
    return CODE_NAME.test(value.name.text);
  if (ts.isNewExpression(value)) {
    const callee = unwrapExpression(value.expression);
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : "";
    return SERVICE_CLASS.test(name);
  }
  return false;
}

/** True for `null`, `undefined`, `void 0`, `false`, `0` and empty strings. */
export function isEmptyLiteral(expression: ts.Expression | undefined): boolean {
  if (!expression) return true;
  const value = unwrapExpression(expression);
  return (
    value.kind === ts.SyntaxKind.NullKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(value) && value.text === "undefined") ||
    ts.isVoidExpression(value) ||
    (ts.isNumericLiteral(value) && value.text === "0") ||
    (ts.isStringLiteralLike(value) && value.text === "")
  );
}
