import { ts } from "ts-morph";

import type { Declaration } from "../../engine/ast/scope.js";
import {
  findEnclosingFunction,
  getStringValue,
  unwrapExpression,
  type FunctionNode,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import { describeValue, type ValueOrigin } from "./state-evidence.js";
import { getContainerType } from "./state-writes.js";

/** A request-time assignment of request data to a process-wide variable or slot. */
export interface SharedAssignment {
  node: ts.Expression;
  value: ts.Expression;
  origin: ValueOrigin;
}

/** A variable, or one fixed slot of a module object, that requests overwrite and later code reads. */
export interface SharedVariable {
  declaration: Declaration;
  /** The slot written, as `user` in `context.user = req.user`; undefined for the variable itself. */
  property?: string;
  assignments: SharedAssignment[];
  /** Reads in other functions, or after an `await` in the writing function. */
  reads: ts.Node[];
}

/** Names of variables that hold the context of the request being served. */
const CONTEXT_NAME =
  /^(req|request|ctx|context|me)$|current|active|session|user|tenant|locale|language|auth|token|claims|payload|decoded|caller|actor|principal|account|identity/i;

/** Assignment operators that replace a variable's value with the right-hand side. */
const REPLACING_OPERATORS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** True for a declaration that lives as long as the process: module level, or in a factory that is not request code. */
export function isProcessLifetime(
  file: FileFacts,
  declaration: Declaration,
): boolean {
  if (file.isModuleLevel(declaration)) return true;
  // A local outlives a request only when handlers registered inside its
  // function capture it; other functions' locals die with each call.
  if (!file.enclosesRequestCode(declaration.scope)) return false;
  if (file.isInRequestScope(declaration.node)) return false;
  // A function that receives a socket or request runs once per connection
  // or request, even when no route call shows it.
  let fn = findEnclosingFunction(declaration.node);
  while (fn) {
    if (fn.parameters.some((parameter) => isPerConnectionParameter(parameter)))
      return false;
    fn = findEnclosingFunction(fn);
  }
  return true;
}

const PER_CONNECTION_NAME =
  /^(socket|ws|client|conn|connection|peer|req|request|res|response|ctx|context|event)$/;
const PER_CONNECTION_TYPE =
  /\b(Socket|WebSocket|Request|Context|IncomingMessage)\b/;

function isPerConnectionParameter(parameter: ts.ParameterDeclaration): boolean {
  if (
    ts.isIdentifier(parameter.name) &&
    PER_CONNECTION_NAME.test(parameter.name.text)
  )
    return true;
  return (
    parameter.type !== undefined &&
    PER_CONNECTION_TYPE.test(parameter.type.getText())
  );
}

/**
 * Finds the shared-variable pattern on a declaration. Either request code
 * replaces a `let`/`var` with request data (`currentUser = req.user`), or
 * it sets a fixed slot of a module object from the request's identity
 * (`context.user = req.user`, `state.set("user", req.user)`). The value
 * must be read again in another function or after an `await`.
 */
export function findSharedVariable(
  file: FileFacts,
  declaration: Declaration,
): SharedVariable[] {
  if (!isProcessLifetime(file, declaration)) return [];
  const found: SharedVariable[] = [];

  if (declaration.kind === "let" || declaration.kind === "var") {
    const assignments = listReplacements(file, declaration);
    if (assignments.length > 0) {
      const reads = listLaterReads(
        file,
        declaration,
        assignments,
        (reference) => !isAssignmentTarget(reference),
      );
      // An exported variable is read by the modules that import it.
      if (reads.length === 0 && isExported(file, declaration))
        reads.push(declaration.node);
      if (reads.length > 0) found.push({ declaration, assignments, reads });
    }
  }

  if (
    getContainerType(declaration.initializer) === "object" ||
    getContainerType(declaration.initializer) === "Map"
  ) {
    for (const [property, assignments] of listSlotWrites(file, declaration)) {
      const reads = listLaterReads(
        file,
        declaration,
        assignments,
        (reference) => readsSlot(reference, property),
      );
      if (reads.length > 0)
        found.push({ declaration, property, assignments, reads });
    }
  }
  return found;
}

/** Lists `name = value` in request code where the value comes from the request and not from the variable itself. */
function listReplacements(
  file: FileFacts,
  declaration: Declaration,
): SharedAssignment[] {
  const assignments: SharedAssignment[] = [];
  for (const mutation of file.listMutations(declaration)) {
    if (mutation.path.length !== 0 || !mutation.value) continue;
    if (!ts.isBinaryExpression(mutation.node)) continue;
    if (!REPLACING_OPERATORS.has(mutation.node.operatorToken.kind)) continue;
    if (!file.isInRequestScope(mutation.node)) continue;
    if (referencesDeclaration(file, mutation.value, declaration)) continue;
    if (isLazyInitialization(mutation.node, declaration.name)) continue;
    const origin = describeValue(file, mutation.value);
    // Request data with no tie to the user counts only in a variable named as request context: a shared list replaced by a client is shared by design.
    if (
      !origin.principal &&
      !(origin.fromRequest && CONTEXT_NAME.test(declaration.name))
    )
      continue;
    assignments.push({ node: mutation.node, value: mutation.value, origin });
  }
  return assignments;
}

/**
 * True for a first-use initialisation: `x ??= create()`, `x ||= create()`,
 * or `x = create()` inside `if (!x)` / `if (x == null)`. The first request
 * fills a process-wide singleton (a client, an agent) and later requests
 * reuse it, so the value is not one request's data.
 */
function isLazyInitialization(
  node: ts.BinaryExpression,
  name: string,
): boolean {
  const operator = node.operatorToken.kind;
  if (
    operator === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    operator === ts.SyntaxKind.BarBarEqualsToken
  ) {
    return true;
  }
  const emptyTest = new RegExp(
    `^(!\\s*${name}|${name}\\s*===?\\s*(null|undefined)|typeof\\s+${name}\\s*===?\\s*["']undefined["'])$`,
  );
  let current: ts.Node = node;
  while (current.parent && !ts.isFunctionLike(current.parent)) {
    const parent = current.parent;
    if (
      ts.isIfStatement(parent) &&
      parent.thenStatement === current &&
      emptyTest.test(parent.expression.getText().trim())
    ) {
      return true;
    }
    current = parent;
  }
  return false;
}

/** Lists writes of the request's identity into fixed slots: `context.user = req.user`, `state.set("user", id)`. */
function listSlotWrites(
  file: FileFacts,
  declaration: Declaration,
): Map<string, SharedAssignment[]> {
  const slots = new Map<string, SharedAssignment[]>();
  for (const mutation of file.listMutations(declaration)) {
    if (mutation.path.length !== 0 || !mutation.value) continue;
    if (!file.isInRequestScope(mutation.node)) continue;
    const property = getSlotName(mutation.node);
    if (!property) continue;
    const origin = describeValue(file, mutation.value);
    if (origin.principal !== "expression") continue;
    const list = slots.get(property) ?? [];
    list.push({ node: mutation.node, value: mutation.value, origin });
    slots.set(property, list);
  }
  return slots;
}

/** Returns the fixed slot a write targets: `user` for `o.user = v` or `m.set("user", v)`. */
function getSlotName(node: ts.Expression): string | undefined {
  if (ts.isBinaryExpression(node)) {
    if (!REPLACING_OPERATORS.has(node.operatorToken.kind)) return undefined;
    const left = unwrapExpression(node.left);
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
    if (ts.isElementAccessExpression(left))
      return getStringValue(left.argumentExpression);
    return undefined;
  }
  if (ts.isCallExpression(node)) {
    const callee = unwrapExpression(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "set")
      return undefined;
    return getStringValue(node.arguments[0]);
  }
  return undefined;
}

function readsSlot(reference: ts.Identifier, property: string): boolean {
  const parent = reference.parent;
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === reference
  ) {
    if (parent.name.text === "get" && ts.isCallExpression(parent.parent))
      return getStringValue(parent.parent.arguments[0]) === property;
    return parent.name.text === property && !isAssignmentTarget(parent);
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === reference)
    return (
      getStringValue(parent.argumentExpression) === property &&
      !isAssignmentTarget(parent)
    );
  // The whole object handed on (`return context`, `log(context)`) exposes the slot too.
  return (
    !ts.isPropertyAccessExpression(parent) &&
    !ts.isElementAccessExpression(parent)
  );
}

/**
 * Lists reads that see a value written by another request: reads in a
 * function other than the writer's, or in the writer after an `await`
 * that lets other requests run. Module-level reads run once at start-up
 * and do not count.
 */
function listLaterReads(
  file: FileFacts,
  declaration: Declaration,
  assignments: readonly SharedAssignment[],
  isRead: (reference: ts.Identifier) => boolean,
): ts.Node[] {
  const writers = new Set(
    assignments.map((assignment) => findEnclosingFunction(assignment.node)),
  );
  const reads: ts.Node[] = [];
  for (const reference of file.listReferences(declaration)) {
    if (!isRead(reference)) continue;
    const reader = findEnclosingFunction(reference);
    if (!reader) continue;
    if (!writers.has(reader)) {
      reads.push(reference);
      continue;
    }
    const after = assignments.some(
      (assignment) =>
        findEnclosingFunction(assignment.node) === reader &&
        hasAwaitBetween(reader, assignment.node.getEnd(), reference.getStart()),
    );
    if (after) reads.push(reference);
  }
  return reads;
}

function hasAwaitBetween(
  fn: FunctionNode,
  start: number,
  end: number,
): boolean {
  if (start >= end) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.getEnd() < start || node.getStart() > end) return;
    if (isFunctionLike(node) && node !== fn) return;
    if (
      (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) &&
      node.getStart() >= start &&
      node.getStart() <= end
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}

function isFunctionLike(node: ts.Node): boolean {
  return ts.isFunctionLike(node);
}

function isAssignmentTarget(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

/** True when the expression reads the declared name itself, as `tokens` in `tokens.filter(...)`. */
export function referencesDeclaration(
  file: FileFacts,
  expression: ts.Expression,
  declaration: Declaration,
): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isIdentifier(node) &&
      node.text === declaration.name &&
      !isPropertyName(node) &&
      file.scopes.resolve(node) === declaration
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

/** True for `name` in `a.name` and `{ name: v }`, which are not references to a variable. */
function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === identifier) ||
    (ts.isPropertyAssignment(parent) && parent.name === identifier)
  );
}

function isExported(file: FileFacts, declaration: Declaration): boolean {
  if (declaration.exported) return true;
  for (const exported of file.walk.exports.values()) {
    if (exported === declaration.node) return true;
    if (
      ts.isIdentifier(exported) &&
      file.scopes.resolve(exported) === declaration
    )
      return true;
  }
  return false;
}
