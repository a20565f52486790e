import { ts } from "ts-morph";

import type { Declaration } from "../../engine/ast/scope.js";
import { unwrapExpression } from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import {
  MUTATING_METHODS,
  type Mutation,
} from "../../engine/facts/walk-file.js";

/** The collection an initializer creates, or undefined when it is not a plain collection. */
export type ContainerType = "Map" | "Set" | "array" | "object";

/** A write to a container, in its own file or in another file of the run. */
export interface ContainerWrite {
  file: FileFacts;
  /** The writing expression. */
  node: ts.Expression;
  operation: "method" | "assign" | "update" | "delete" | "reassign";
  /** The method called, for `m.set(k, v)` and `m.get(k).push(v)`. */
  method?: string;
  /** Keys the write is addressed by: `k` in `m.set(k, v)`, `m[k].x = v` and `m.get(k).push(v)`. */
  keys: ts.Expression[];
  values: ts.Expression[];
  /** The fixed property written directly on the container, as `user` in `store.user = v`. */
  property?: string;
  /** True when the write goes through an entry read out of the container (`m.get(k).count++`). */
  throughEntry: boolean;
  /** Request depth of the writing code (0 = a handler), undefined outside request code. */
  depth?: number;
  /** Properties between the container and the written collection, as `sessions` in `store.sessions.set(k, v)`. */
  path: string[];
}

/** Returns the collection a declaration's initializer creates: `new Map()`, `[]`, `{}`, `Object.create(null)`. */
export function getContainerType(
  initializer: ts.Expression | undefined,
): ContainerType | undefined {
  if (!initializer) return undefined;
  const value = unwrapExpression(initializer);
  if (ts.isArrayLiteralExpression(value)) return "array";
  if (ts.isObjectLiteralExpression(value)) return "object";
  if (ts.isNewExpression(value)) {
    const callee = unwrapExpression(value.expression);
    if (!ts.isIdentifier(callee)) return undefined;
    if (callee.text === "Map" || callee.text === "Set") return callee.text;
    if (callee.text === "Array") return "array";
    if (callee.text === "Object") return "object";
    return undefined;
  }
  if (ts.isCallExpression(value)) {
    const callee = value.expression.getText();
    if (callee === "Object.create") return "object";
    if (callee === "Array.from" || callee === "Array") return "array";
  }
  return undefined;
}

/**
 * Lists every write to a container: mutations in its own file, writes
 * through an entry read out of it (`carts.get(id).push(item)`, or a local
 * `const entry = attempts.get(ip)` that is then changed), and writes from
 * other files of the run that import it.
 */
export function listContainerWrites(
  file: FileFacts,
  project: ProjectFacts,
  declaration: Declaration,
): ContainerWrite[] {
  const writes: ContainerWrite[] = [];
  for (const mutation of file.listMutations(declaration)) {
    const write = describeMutation(file, mutation, false);
    if (write) writes.push(write);
  }
  for (const reference of file.listReferences(declaration))
    writes.push(...listEntryWrites(file, reference));
  for (const external of project.listExternalMutations(declaration)) {
    const write = describeMutation(external.file, external.mutation, false);
    if (write) writes.push(write);
  }
  return writes;
}

function describeMutation(
  file: FileFacts,
  mutation: Mutation,
  throughEntry: boolean,
  entryKeys: readonly ts.Expression[] = [],
): ContainerWrite | undefined {
  const node = mutation.node;
  const depth = file.requestScope.getDepth(node);
  const path = throughEntry ? [] : mutation.path;
  const base = { file, node, throughEntry, depth, path };

  if (mutation.kind === "reassign") {
    return {
      ...base,
      operation: "reassign",
      keys: [...entryKeys],
      values: mutation.value ? [mutation.value] : [],
    };
  }
  if (ts.isCallExpression(node)) {
    const callee = unwrapExpression(node.expression);
    const method = mutation.method;
    const args = [...node.arguments];
    if (method === "assign" && !ts.isPropertyAccessExpression(callee))
      return undefined;
    const isObjectAssign =
      method === "assign" &&
      ts.isPropertyAccessExpression(callee) &&
      callee.expression.getText() === "Object";
    const target = isObjectAssign
      ? args[0]
      : ts.isPropertyAccessExpression(callee)
        ? callee.expression
        : undefined;
    const keyed = method === "set" || method === "put" || method === "setItem";
    const keys = [...entryKeys, ...collectChainKeys(target)];
    if (keyed && args[0]) keys.push(args[0]);
    if (method === "delete" && args[0]) keys.push(args[0]);
    const values = isObjectAssign
      ? args.slice(1)
      : keyed
        ? args.slice(1, 2)
        : method === "delete"
          ? []
          : args;
    return { ...base, operation: "method", method, keys, values };
  }
  if (ts.isBinaryExpression(node)) {
    const left = unwrapExpression(node.left);
    const property =
      ts.isPropertyAccessExpression(left) &&
      mutation.path.length === 0 &&
      !throughEntry
        ? left.name.text
        : undefined;
    return {
      ...base,
      operation: "assign",
      keys: [...entryKeys, ...collectChainKeys(left)],
      values: [node.right],
      property,
    };
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    return {
      ...base,
      operation: "update",
      keys: [...entryKeys, ...collectChainKeys(node.operand)],
      values: [],
    };
  }
  if (ts.isDeleteExpression(node)) {
    return {
      ...base,
      operation: "delete",
      keys: [...entryKeys, ...collectChainKeys(node.expression)],
      values: [],
    };
  }
  return undefined;
}

/** Collects the computed keys of an access chain: `a` and `b` in `m[a].x[b]`. */
function collectChainKeys(target: ts.Expression | undefined): ts.Expression[] {
  const keys: ts.Expression[] = [];
  let current = target && unwrapExpression(target);
  while (
    current &&
    (ts.isPropertyAccessExpression(current) ||
      ts.isElementAccessExpression(current))
  ) {
    if (ts.isElementAccessExpression(current))
      keys.push(current.argumentExpression);
    current = unwrapExpression(current.expression);
  }
  return keys;
}

/**
 * Finds an entry read out of a container: `m.get(k)`, `list.find(cb)`, or
 * `m[k]` read into a variable. Element reads are only followed into
 * variables, because a direct `m[k].x = v` is already a mutation of `m`.
 */
function findEntryRead(
  reference: ts.Identifier,
):
  | { expression: ts.Expression; key?: ts.Expression; viaCall: boolean }
  | undefined {
  const parent = reference.parent;
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === reference &&
    (parent.name.text === "get" || parent.name.text === "find") &&
    ts.isCallExpression(parent.parent) &&
    parent.parent.expression === parent
  ) {
    return {
      expression: parent.parent,
      key: parent.parent.arguments[0],
      viaCall: true,
    };
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === reference)
    return {
      expression: parent,
      key: parent.argumentExpression,
      viaCall: false,
    };
  return undefined;
}

function listEntryWrites(
  file: FileFacts,
  reference: ts.Identifier,
): ContainerWrite[] {
  const entry = findEntryRead(reference);
  if (!entry) return [];
  const keys = entry.key ? [entry.key] : [];
  const writes: ContainerWrite[] = [];

  if (entry.viaCall) {
    const direct = findWriteOnEntry(file, entry.expression, keys);
    if (direct) writes.push(direct);
  }

  const alias = findAliasDeclaration(file, entry.expression);
  if (alias) {
    for (const mutation of file.listMutations(alias)) {
      if (mutation.kind === "reassign") continue;
      const write = describeMutation(file, mutation, true, keys);
      if (write) writes.push(write);
    }
  }
  return writes;
}

/** Finds a write made straight on an entry: `m.get(k).push(v)`, `m.get(k).count++`, `m.get(k).x = v`. */
function findWriteOnEntry(
  file: FileFacts,
  entry: ts.Expression,
  keys: readonly ts.Expression[],
): ContainerWrite | undefined {
  let current: ts.Expression = entry;
  const chainKeys: ts.Expression[] = [...keys];
  while (
    (ts.isPropertyAccessExpression(current.parent) ||
      ts.isElementAccessExpression(current.parent)) &&
    current.parent.expression === current
  ) {
    current = current.parent;
    if (ts.isElementAccessExpression(current))
      chainKeys.push(current.argumentExpression);
  }
  if (current === entry) return undefined;
  const parent = current.parent;
  const base = {
    file,
    keys: chainKeys,
    throughEntry: true,
    path: [],
  };

  if (
    ts.isCallExpression(parent) &&
    parent.expression === current &&
    ts.isPropertyAccessExpression(current) &&
    MUTATING_METHODS.has(current.name.text)
  ) {
    return {
      ...base,
      node: parent,
      operation: "method",
      method: current.name.text,
      values: [...parent.arguments],
      depth: file.requestScope.getDepth(parent),
    };
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.left === current &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  ) {
    return {
      ...base,
      node: parent,
      operation: "assign",
      values: [parent.right],
      depth: file.requestScope.getDepth(parent),
    };
  }
  if (
    (ts.isPrefixUnaryExpression(parent) ||
      ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken ||
      parent.operator === ts.SyntaxKind.MinusMinusToken)
  ) {
    return {
      ...base,
      node: parent,
      operation: "update",
      values: [],
      depth: file.requestScope.getDepth(parent),
    };
  }
  if (ts.isDeleteExpression(parent)) {
    return {
      ...base,
      node: parent,
      operation: "delete",
      values: [],
      depth: file.requestScope.getDepth(parent),
    };
  }
  return undefined;
}

/** Finds the local variable an entry is read into: `const entry = m.get(k) ?? { count: 0 }`. */
function findAliasDeclaration(
  file: FileFacts,
  entry: ts.Expression,
): Declaration | undefined {
  let current: ts.Node = entry;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    (ts.isBinaryExpression(current.parent) &&
      current.parent.left === current &&
      (current.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
        current.parent.operatorToken.kind ===
          ts.SyntaxKind.QuestionQuestionToken))
  ) {
    current = current.parent;
  }
  const holder = current.parent;
  if (
    !ts.isVariableDeclaration(holder) ||
    holder.initializer !== current ||
    !ts.isIdentifier(holder.name)
  )
    return undefined;
  const declaration = file.scopes.resolve(holder.name);
  if (!declaration || file.isModuleLevel(declaration)) return undefined;
  return declaration;
}
