import { ts } from "ts-morph";

import { hasModifier, unwrapExpression } from "../../engine/ast/nodes.js";
import { NEST_LIFECYCLE_METHODS } from "../../engine/facts/request-scope.js";
import type { Mutation } from "../../engine/facts/walk-file.js";
import { getMemberName, type ClassLike } from "./singleton-classes.js";
import { isCollectionLiteral } from "./stores.js";
import { isEmptyLiteral } from "./user-values.js";

/**
 * A data field of a class: a `collection` contains entries (Map, Set,
 * array, object), a `scalar` contains one value such as the current user.
 */
export interface ClassField {
  name: string;
  /** The property declaration, or the constructor assignment that declares the field. */
  node: ts.Node;
  isStatic: boolean;
  shape: "collection" | "scalar";
}

const COLLECTION_TYPE =
  /^(Readonly)?(Map|Set|Record|Array)\s*<|\[\]\s*$|^\{\s*\[/;
const EXCLUDED_TYPE = /^(Weak(Map|Set)|Function)\b|=>/;

/**
 * Lists the fields of a class that can hold data: property declarations
 * without decorators (injected and framework fields carry one) whose
 * initializer is a collection or a plain value, and fields that the
 * constructor or a lifecycle hook first assigns. Fields set there to an
 * injected service or client are left out.
 */
export function collectClassFields(declaration: ClassLike): ClassField[] {
  const fields = new Map<string, ClassField>();
  const declaredWithoutValue = new Set<string>();
  for (const member of declaration.members) {
    if (!ts.isPropertyDeclaration(member)) continue;
    const name = getMemberName(member);
    if (!name || (ts.getDecorators(member) ?? []).length > 0) continue;
    const shape = classifyDeclaredShape(member);
    if (!shape) continue;
    fields.set(name, {
      name,
      node: member,
      isStatic: hasModifier(member, ts.SyntaxKind.StaticKeyword),
      shape,
    });
    if (!member.initializer && !member.type) declaredWithoutValue.add(name);
  }

  for (const assignment of listSetupAssignments(declaration)) {
    const name = assignment.name;
    const known = fields.get(name);
    const value = assignment.value;
    if (isCollectionLiteral(value)) {
      if (!known)
        fields.set(name, {
          name,
          node: assignment.node,
          isStatic: false,
          shape: "collection",
        });
      else if (declaredWithoutValue.has(name)) known.shape = "collection";
    } else if (isPlainValue(value)) {
      if (!known)
        fields.set(name, {
          name,
          node: assignment.node,
          isStatic: false,
          shape: "scalar",
        });
    } else if (known && !known.isStatic) {
      // Set up with a service, a client or a parameter: not user data.
      fields.delete(name);
    }
  }
  return [...fields.values()];
}

function classifyDeclaredShape(
  member: ts.PropertyDeclaration,
): ClassField["shape"] | undefined {
  const type = member.type?.getText().trim() ?? "";
  if (EXCLUDED_TYPE.test(type)) return undefined;
  const initializer = member.initializer;
  if (initializer) {
    if (isCollectionLiteral(initializer)) return "collection";
    return isPlainValue(initializer) ? "scalar" : undefined;
  }
  return COLLECTION_TYPE.test(type) ? "collection" : "scalar";
}

/** True for literals and empty values, which a field contains before a request fills it. */
function isPlainValue(expression: ts.Expression): boolean {
  const value = unwrapExpression(expression);
  return (
    isEmptyLiteral(value) ||
    ts.isStringLiteralLike(value) ||
    ts.isNumericLiteral(value) ||
    value.kind === ts.SyntaxKind.TrueKeyword
  );
}

interface SetupAssignment {
  name: string;
  node: ts.BinaryExpression;
  value: ts.Expression;
}

/** Lists `this.name = value` in the constructor and lifecycle hooks. */
function listSetupAssignments(declaration: ClassLike): SetupAssignment[] {
  const assignments: SetupAssignment[] = [];
  for (const member of declaration.members) {
    const name = getMemberName(member);
    const isSetup =
      ts.isConstructorDeclaration(member) ||
      (ts.isMethodDeclaration(member) &&
        name !== undefined &&
        NEST_LIFECYCLE_METHODS.has(name));
    if (!isSetup) continue;
    const visit = (node: ts.Node): void => {
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken
      ) {
        const left = unwrapExpression(node.left);
        if (
          ts.isPropertyAccessExpression(left) &&
          left.expression.kind === ts.SyntaxKind.ThisKeyword
        ) {
          assignments.push({
            name: left.name.text,
            node,
            value: node.right,
          });
        }
      }
      // `this` inside a nested function is another object.
      if (
        ts.isFunctionExpression(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassLike(node)
      )
        return;
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(member, visit);
  }
  return assignments;
}

/** Methods that remove entries rather than add them. */
const REMOVING_METHODS = new Set([
  "delete",
  "clear",
  "pop",
  "shift",
  "removeItem",
  "del",
]);

/** The effect of a write on a field: `add` adds or changes entries, `remove` takes them out, `replace` assigns the field a new value. */
export type WriteKind = "add" | "remove" | "replace";

/** True for `delete`, `clear`, `pop` and other methods that take entries out. */
export function isRemovingMethod(method: string): boolean {
  return REMOVING_METHODS.has(method);
}

export function classifyWrite(mutation: Mutation): WriteKind {
  if (mutation.kind === "delete") return "remove";
  if (mutation.method && REMOVING_METHODS.has(mutation.method)) return "remove";
  if (
    mutation.method === "splice" &&
    ts.isCallExpression(mutation.node) &&
    mutation.node.arguments.length <= 2
  ) {
    return "remove";
  }
  return "add";
}

/**
 * Lists the keys a write uses below its container: the computed parts of
 * the written chain (`userId` in `this.carts[userId].push(x)`) and the key
 * argument of `set`, `put` and `delete`.
 */
export function listWriteKeys(mutation: Mutation): ts.Expression[] {
  const keys: ts.Expression[] = [];
  if (mutation.key && !ts.isIdentifier(mutation.key)) keys.push(mutation.key);
  else if (
    mutation.key &&
    ts.isIdentifier(mutation.key) &&
    !isPropertyNameKey(mutation.key)
  ) {
    keys.push(mutation.key);
  }
  let current: ts.Expression | undefined = getWrittenChain(mutation);
  while (current) {
    const value: ts.Expression = unwrapExpression(current);
    if (ts.isElementAccessExpression(value)) {
      if (!keys.includes(value.argumentExpression))
        keys.push(value.argumentExpression);
      current = value.expression;
    } else if (ts.isPropertyAccessExpression(value)) {
      current = value.expression;
    } else {
      current = undefined;
    }
  }
  return keys;
}

/** True for the `name` of `o.name = v`, which the engine records as the key. */
function isPropertyNameKey(key: ts.Identifier): boolean {
  return ts.isPropertyAccessExpression(key.parent) && key.parent.name === key;
}

function getWrittenChain(mutation: Mutation): ts.Expression | undefined {
  const node = mutation.node;
  if (ts.isCallExpression(node)) {
    const callee = unwrapExpression(node.expression);
    if (mutation.method === "assign") return node.arguments[0];
    return ts.isPropertyAccessExpression(callee)
      ? callee.expression
      : undefined;
  }
  if (ts.isBinaryExpression(node)) return node.left;
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node))
    return node.operand;
  if (ts.isDeleteExpression(node)) return node.expression;
  return undefined;
}
