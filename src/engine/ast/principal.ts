import { ts } from "ts-morph";

import { getDecoratorNames, unwrapExpression } from "./nodes.js";
import type { ScopeTable } from "./scope.js";

/**
 * Expressions that identify the user or session behind a request: the
 * session id, the authenticated user, JWT claims, socket ids, client
 * addresses and user identifiers in the request's params, body or query.
 */
const PRINCIPAL_PATTERNS: readonly RegExp[] = [
  /\b(req|request|ctx|context|c)\s*\??\.\s*(session|sessionID|sessionId|user|auth|principal|claims|cookies|signedCookies|ip|ips|state\s*\??\.\s*(user|session|auth))\b/,
  /\b(req|request|ctx|context)\s*\??\.\s*(params|body|query|headers|request\s*\??\.\s*body)\s*\??\.\s*(\w*(id|Id|ID|email|Email|phone|Phone|token|Token|user|User|name|Name|code|Code|otp|Otp|state|nonce|session|Session)\w*)\b/,
  /\b(req|request)\s*\??\.\s*(socket|connection)\s*\??\.\s*remoteAddress\b/,
  /\b(socket|client|ws|connection|conn)\s*\??\.\s*(id|handshake|data|user|userId|request)\b/,
  /\bevent\s*\??\.\s*(requestContext|pathParameters|queryStringParameters|headers|body)\b/,
  /\b(jwt\s*\.\s*verify|jwtVerify|verifyToken|verifyJwt|verifyJWT|getServerSession|auth)\s*\(/,
  /\b(user|session|currentUser|me|account|payload|decoded|claims|token)\s*\??\.\s*(id|_id|sub|jti|email|username|userId|uuid)\b/,
];

/** Names of variables and keys that hold a user, session or token identifier. */
const PRINCIPAL_NAME =
  /^(user|userId|user_id|uid|sub|sid|sessionId|session_id|sessionID|session|email|phone|phoneNumber|username|login|token|accessToken|refreshToken|refresh_token|jti|otp|code|resetToken|resetCode|verificationCode|magicToken|nonce|state|socketId|clientId|connectionId|ip|clientIp|ipAddress|account|accountId|customerId|memberId|playerId|visitorId|principal|currentUser|me|claims|decoded|payload|jwtPayload)$/i;

/** Nest parameter decorators whose values come from the request. */
const REQUEST_PARAMETER_DECORATORS = new Set([
  "Req",
  "Request",
  "Body",
  "Param",
  "Query",
  "Headers",
  "Session",
  "Ip",
  "User",
  "CurrentUser",
  "AuthUser",
  "GetUser",
  "ConnectedSocket",
  "MessageBody",
  "Args",
  "Context",
]);

export function isPrincipalName(name: string): boolean {
  return PRINCIPAL_NAME.test(name);
}

/**
 * True when the text matches a principal expression such as `req.user.id`
 * or `jwt.verify(...)`; unlike {@link isPrincipalExpression}, a variable
 * name alone never matches.
 */
export function matchesPrincipalPattern(text: string): boolean {
  if (text.length >= 400) return false;
  const plain = stripNonNullAssertions(text);
  return PRINCIPAL_PATTERNS.some((pattern) => pattern.test(plain));
}

/** Drops TypeScript's `!` before member access, so `req.user!.id` reads as `req.user.id`. */
function stripNonNullAssertions(text: string): string {
  return text.replace(/!(?=\s*[.[)])/g, "");
}

/** True when a parameter has a Nest decorator that injects request data (`@Body()`, `@Req()`). */
export function hasRequestDecorator(
  parameter: ts.ParameterDeclaration,
): boolean {
  return getDecoratorNames(parameter).some((name) =>
    REQUEST_PARAMETER_DECORATORS.has(name),
  );
}

/**
 * True when the expression is derived from the request's principal:
 * directly (`req.user.id`), through local variables (`const { email } =
 * req.body`), or through a parameter decorated as request data in Nest.
 * Follows local definitions up to `depth` levels.
 */
export function isPrincipalExpression(
  expression: ts.Expression | undefined,
  scopes: ScopeTable,
  depth = 3,
): boolean {
  if (!expression || depth < 0) return false;
  if (matchesPrincipalPattern(expression.getText())) return true;

  const unwrapped = unwrapExpression(expression);
  if (ts.isIdentifier(unwrapped)) {
    if (isPrincipalName(unwrapped.text)) return true;
    return isPrincipalIdentifier(unwrapped, scopes, depth);
  }
  if (ts.isTemplateExpression(unwrapped)) {
    return unwrapped.templateSpans.some((span) =>
      isPrincipalExpression(span.expression, scopes, depth - 1),
    );
  }
  if (ts.isPropertyAccessExpression(unwrapped)) {
    if (
      isPrincipalName(unwrapped.name.text) &&
      /id$|Id$|ID$|email|token/i.test(unwrapped.name.text)
    ) {
      return true;
    }
    return isPrincipalExpression(unwrapped.expression, scopes, depth - 1);
  }
  if (ts.isElementAccessExpression(unwrapped)) {
    return isPrincipalExpression(unwrapped.expression, scopes, depth - 1);
  }
  if (ts.isCallExpression(unwrapped) || ts.isAwaitExpression(unwrapped)) {
    // `String(req.user.id)`, `await verify(token)`, `hash(email)`.
    const inner = ts.isAwaitExpression(unwrapped)
      ? [unwrapped.expression]
      : [...unwrapped.arguments];
    return inner.some((argument) =>
      isPrincipalExpression(argument, scopes, depth - 1),
    );
  }
  if (ts.isBinaryExpression(unwrapped)) {
    return (
      isPrincipalExpression(unwrapped.left, scopes, depth - 1) ||
      isPrincipalExpression(unwrapped.right, scopes, depth - 1)
    );
  }
  if (ts.isObjectLiteralExpression(unwrapped)) {
    return unwrapped.properties.some((property) => {
      if (ts.isShorthandPropertyAssignment(property)) {
        return isPrincipalExpression(property.name, scopes, depth - 1);
      }
      if (ts.isPropertyAssignment(property)) {
        return isPrincipalExpression(property.initializer, scopes, depth - 1);
      }
      return false;
    });
  }
  return false;
}

function isPrincipalIdentifier(
  identifier: ts.Identifier,
  scopes: ScopeTable,
  depth: number,
): boolean {
  const declaration = scopes.resolve(identifier);
  if (!declaration) return false;

  if (declaration.kind === "parameter") {
    const parameter = declaration.node as ts.ParameterDeclaration;
    return getDecoratorNames(parameter).some((name) =>
      REQUEST_PARAMETER_DECORATORS.has(name),
    );
  }
  if (declaration.kind === "import" || declaration.kind === "class")
    return false;

  const source = declaration.initializer ?? declaration.patternSource;
  // Module-level values are not per request, whatever their names.
  if (!source || ts.isSourceFile(declaration.scope)) return false;
  return isPrincipalExpression(source, scopes, depth - 1);
}
