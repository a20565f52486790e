import { ts } from "ts-morph";

import type {
  FileFacts,
  ResolvedSymbol,
} from "../../engine/facts/file-facts.js";
import { findAccessRoot, unwrapExpression } from "../../engine/ast/nodes.js";
import { isEmptyValue } from "./options.js";

/**
 * The place a store keeps its data: `memory` (this process), `local-file` (this
 * machine's disk), `external` (a shared service), `conditional` (memory in
 * one branch, external in the other), or `unknown`.
 */
export type StoreKind =
  "memory" | "local-file" | "external" | "conditional" | "unknown";

export interface StoreClassification {
  kind: StoreKind;
  /** The store's name in messages, such as "express-session's MemoryStore". */
  label?: string;
}

/** A library symbol known to keep data in process memory or on local disk. */
export interface KnownStore {
  module: string;
  /** Export path; `[]` is the module's default export or the module itself. */
  path: readonly string[];
  /** True when the symbol is only a store after the module's export is called, as for memorystore. */
  factoryCall?: boolean;
  kind: "memory" | "local-file";
  label: string;
}

/** Memory and local-disk stores of the session and rate-limit libraries. */
export const KNOWN_LOCAL_STORES: readonly KnownStore[] = [
  {
    module: "express-session",
    path: ["MemoryStore"],
    kind: "memory",
    label: "express-session's MemoryStore",
  },
  {
    module: "memorystore",
    path: [],
    factoryCall: true,
    kind: "memory",
    label: "memorystore",
  },
  {
    module: "@fastify/session",
    path: ["MemoryStore"],
    kind: "memory",
    label: "@fastify/session's MemoryStore",
  },
  {
    module: "@fastify/session",
    path: ["Store"],
    kind: "memory",
    label: "@fastify/session's in-memory Store",
  },
  {
    module: "fastify-session",
    path: ["MemoryStore"],
    kind: "memory",
    label: "fastify-session's MemoryStore",
  },
  {
    module: "koa-generic-session",
    path: ["MemoryStore"],
    kind: "memory",
    label: "koa-generic-session's MemoryStore",
  },
  {
    module: "koa-generic-session/lib/memory_store",
    path: [],
    kind: "memory",
    label: "koa-generic-session's MemoryStore",
  },
  {
    module: "express-rate-limit",
    path: ["MemoryStore"],
    kind: "memory",
    label: "express-rate-limit's MemoryStore",
  },
  {
    module: "session-file-store",
    path: [],
    factoryCall: true,
    kind: "local-file",
    label: "session-file-store (files on this server's disk)",
  },
  {
    module: "connect-sqlite3",
    path: [],
    factoryCall: true,
    kind: "local-file",
    label: "connect-sqlite3 (a database file on this server's disk)",
  },
  {
    module: "better-sqlite3-session-store",
    path: [],
    factoryCall: true,
    kind: "local-file",
    label: "a SQLite file on this server's disk",
  },
  {
    module: "connect-loki",
    path: [],
    factoryCall: true,
    kind: "local-file",
    label: "connect-loki (files on this server's disk)",
  },
];

/** Constructors of plain in-memory collections. */
const MEMORY_COLLECTIONS = new Set(["Map", "Set", "Object", "Array"]);

function matchesKnownStore(symbol: ResolvedSymbol, store: KnownStore): boolean {
  return (
    symbol.module === store.module &&
    symbol.path.length === store.path.length &&
    symbol.path.every((name, index) => name === store.path[index]) &&
    (store.factoryCall === undefined ||
      store.factoryCall === symbol.factoryCall)
  );
}

/** Classifies a store expression such as `new RedisStore(...)` or `new session.MemoryStore()`. */
export function classifyStore(
  file: FileFacts,
  expression: ts.Expression,
  knownStores: readonly KnownStore[] = KNOWN_LOCAL_STORES,
  depth = 3,
): StoreClassification {
  const value = unwrapExpression(expression);
  if (depth < 0) return { kind: "unknown" };

  if (ts.isConditionalExpression(value)) {
    const whenTrue = classifyBranch(file, value.whenTrue, knownStores, depth);
    const whenFalse = classifyBranch(file, value.whenFalse, knownStores, depth);
    if (whenTrue.kind === whenFalse.kind) return whenTrue;
    const local = [whenTrue, whenFalse].find(
      (branch) => branch.kind === "memory" || branch.kind === "local-file",
    );
    if (local) return { kind: "conditional", label: local.label };
    return { kind: "unknown" };
  }

  if (ts.isNewExpression(value) || ts.isCallExpression(value)) {
    const callee = unwrapExpression(value.expression);
    if (
      ts.isIdentifier(callee) &&
      MEMORY_COLLECTIONS.has(callee.text) &&
      !file.getImport(callee)
    ) {
      return { kind: "memory", label: `a plain ${callee.text}` };
    }
    const symbol = file.resolveSymbol(callee);
    if (symbol) {
      const known = knownStores.find((store) =>
        matchesKnownStore(symbol, store),
      );
      if (known) return { kind: known.kind, label: known.label };
      return { kind: "external", label: symbol.module };
    }
    const localClass = findLocalClass(file, callee);
    if (localClass) return classifyLocalClass(file, localClass);
    return { kind: "unknown" };
  }

  if (ts.isObjectLiteralExpression(value)) {
    return referencesModuleContainer(file, value)
      ? {
          kind: "memory",
          label: "an object whose methods use a module-level collection",
        }
      : { kind: "unknown" };
  }

  if (ts.isIdentifier(value)) {
    const declaration = file.scopes.resolve(value);
    if (declaration?.initializer) {
      return classifyStore(
        file,
        declaration.initializer,
        knownStores,
        depth - 1,
      );
    }
  }
  return { kind: "unknown" };
}

function classifyBranch(
  file: FileFacts,
  expression: ts.Expression,
  knownStores: readonly KnownStore[],
  depth: number,
): StoreClassification {
  // An empty branch leaves the library on its default, in-memory store.
  if (isEmptyValue(expression))
    return { kind: "memory", label: "the library's default memory store" };
  return classifyStore(file, expression, knownStores, depth - 1);
}

function findLocalClass(
  file: FileFacts,
  callee: ts.Expression,
): ts.ClassDeclaration | ts.ClassExpression | undefined {
  if (!ts.isIdentifier(callee)) return undefined;
  const declaration = file.scopes.resolve(callee);
  if (!declaration) return undefined;
  if (ts.isClassDeclaration(declaration.node)) return declaration.node;
  const initializer =
    declaration.initializer && unwrapExpression(declaration.initializer);
  return initializer && ts.isClassExpression(initializer)
    ? initializer
    : undefined;
}

/** Classifies a store class of the project: memory when it keeps entries in a Map, Set or object of its own. */
function classifyLocalClass(
  file: FileFacts,
  declaration: ts.ClassDeclaration | ts.ClassExpression,
): StoreClassification {
  const name = declaration.name?.text ?? "a local class";
  for (const member of declaration.members) {
    if (
      ts.isPropertyDeclaration(member) &&
      member.initializer &&
      isCollectionLiteral(member.initializer)
    ) {
      return {
        kind: "memory",
        label: `${name}, which keeps entries in a field of its own`,
      };
    }
  }
  if (referencesModuleContainer(file, declaration)) {
    return {
      kind: "memory",
      label: `${name}, which keeps entries in a module-level collection`,
    };
  }
  let assignsCollection = false;
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      isCollectionLiteral(node.right)
    ) {
      assignsCollection = true;
    }
    if (!assignsCollection) ts.forEachChild(node, visit);
  };
  ts.forEachChild(declaration, visit);
  if (assignsCollection)
    return {
      kind: "memory",
      label: `${name}, which keeps entries in a field of its own`,
    };
  return { kind: "unknown" };
}

/** True for `new Map()`, `new Set()`, `{}`, `[]` and `Object.create(null)`. */
export function isCollectionLiteral(expression: ts.Expression): boolean {
  const value = unwrapExpression(expression);
  if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value))
    return true;
  if (ts.isNewExpression(value)) {
    const callee = unwrapExpression(value.expression);
    return ts.isIdentifier(callee) && MEMORY_COLLECTIONS.has(callee.text);
  }
  if (ts.isCallExpression(value)) {
    return value.expression.getText() === "Object.create";
  }
  return false;
}

/** True when code inside the node reads or writes a module-level collection. */
function referencesModuleContainer(file: FileFacts, node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (
      ts.isPropertyAccessExpression(child) ||
      ts.isElementAccessExpression(child)
    ) {
      const root = findAccessRoot(child);
      if (root && ts.isIdentifier(root)) {
        const declaration = file.scopes.resolve(root);
        if (
          declaration &&
          file.isModuleLevel(declaration) &&
          declaration.initializer &&
          isCollectionLiteral(declaration.initializer)
        ) {
          found = true;
          return;
        }
      }
    }
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}
