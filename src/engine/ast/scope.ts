import { ts } from "ts-morph";

import { isFunctionNode } from "./nodes.js";

export type DeclarationKind =
  "const" | "let" | "var" | "parameter" | "function" | "class" | "import";

/** A name declared in a scope of the file. */
export interface Declaration {
  name: string;
  kind: DeclarationKind;
  /** The declaring node: a VariableDeclaration, Parameter, FunctionDeclaration, ClassDeclaration or import. */
  node: ts.Node;
  /** The node whose scope owns the name: a SourceFile, function, block, loop or catch clause. */
  scope: ts.Node;
  /** The whole initializer, for a plain `name = value` declaration. */
  initializer?: ts.Expression;
  /** For a destructured name: the initializer of the whole pattern. */
  patternSource?: ts.Expression;
  exported: boolean;
}

/** True when the node opens a scope for `let`, `const` and block-level names. */
export function isScopeNode(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    isFunctionNode(node) ||
    ts.isBlock(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isCatchClause(node) ||
    ts.isCaseBlock(node) ||
    ts.isClassDeclaration(node) ||
    ts.isClassExpression(node)
  );
}

/** Returns the scope that a `var` declared inside `node` belongs to. */
export function findVarScope(node: ts.Node): ts.Node {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isSourceFile(current) && !isFunctionNode(current)) {
    current = current.parent;
  }
  return current ?? node.getSourceFile();
}

/** Returns the nearest enclosing scope node of `node` (not `node` itself). */
export function findBlockScope(node: ts.Node): ts.Node {
  let current: ts.Node | undefined = node.parent;
  while (current && !isScopeNode(current)) current = current.parent;
  return current ?? node.getSourceFile();
}

/**
 * Name declarations of one file, by scope. Lookups walk outwards from a
 * reference, so shadowing is respected and hoisted names resolve.
 */
export class ScopeTable {
  private readonly byScope = new Map<ts.Node, Map<string, Declaration>>();

  add(declaration: Declaration): void {
    let names = this.byScope.get(declaration.scope);
    if (!names) {
      names = new Map();
      this.byScope.set(declaration.scope, names);
    }
    if (!names.has(declaration.name)) names.set(declaration.name, declaration);
  }

  /** Finds the declaration an identifier refers to, or undefined for globals. */
  resolve(identifier: ts.Identifier): Declaration | undefined {
    return this.lookup(identifier.text, identifier);
  }

  lookup(name: string, from: ts.Node): Declaration | undefined {
    let current: ts.Node | undefined = from;
    while (current) {
      const names = this.byScope.get(current);
      const found = names?.get(name);
      // Parameter defaults see the body's `let` names here, unlike in
      // JavaScript; no detector depends on that difference.
      if (found) return found;
      current = current.parent;
    }
    return undefined;
  }

  /** Lists the declarations made directly in one scope. */
  listScope(scope: ts.Node): Declaration[] {
    return [...(this.byScope.get(scope)?.values() ?? [])];
  }
}
