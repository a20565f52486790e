import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import {
  findEnclosingFunction,
  isFunctionNode,
} from "../../engine/ast/nodes.js";
import { isPropertyName } from "./user-values.js";

/**
 * Returns the first value of the surrounding request that code inside
 * `node` uses: a parameter or local variable of a request function
 * declared outside `node`, such as `user.id` in `setTimeout(() =>
 * remind(user.id), ms)` inside a handler. Module-level values are not
 * request data.
 */
export function findCapturedRequestData(
  file: FileFacts,
  node: ts.Node,
): ts.Expression | undefined {
  let first: ts.Expression | undefined;
  const visit = (child: ts.Node): void => {
    if (first) return;
    if (ts.isIdentifier(child)) {
      if (!isPropertyName(child) && isRequestLocal(file, child, node))
        first = climbAccessChain(child);
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return first;
}

function isRequestLocal(
  file: FileFacts,
  identifier: ts.Identifier,
  inner: ts.Node,
): boolean {
  const declaration = file.scopes.resolve(identifier);
  if (!declaration || file.isModuleLevel(declaration)) return false;
  if (declaration.kind === "import" || declaration.kind === "class")
    return false;
  if (contains(inner, declaration.node)) return false;
  const owner = isFunctionNode(declaration.scope)
    ? declaration.scope
    : findEnclosingFunction(declaration.node);
  if (!owner || file.requestScope.getDepth(owner) === undefined) return false;
  // A function declared in the handler is code, not a value of the request.
  return declaration.kind !== "function";
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** Returns the longest property chain an identifier starts: `req.user.id` for `req`. */
function climbAccessChain(identifier: ts.Identifier): ts.Expression {
  let current: ts.Expression = identifier;
  while (
    (ts.isPropertyAccessExpression(current.parent) ||
      ts.isElementAccessExpression(current.parent)) &&
    current.parent.expression === current
  ) {
    current = current.parent;
  }
  return current;
}

/** True when code inside the node uses the response or a live connection: it finishes within the request. */
export function touchesResponse(node: ts.Node): boolean {
  return /\b(res|reply|response|ctx|h|socket|ws|client|stream|controller)\s*\.\s*(send|json|status|end|write|redirect|render|sendStatus|code|body|response|emit|close|terminate|enqueue|raw)\b/.test(
    node.getText(),
  );
}
