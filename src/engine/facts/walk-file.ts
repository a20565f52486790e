import { ts } from "ts-morph";

import {
  collectImportDeclaration,
  collectImportEquals,
  collectRequireDeclaration,
  type ImportBinding,
} from "../ast/imports.js";
import {
  findAccessRoot,
  getAccessPath,
  hasModifier,
  unwrapExpression,
  type FunctionNode,
} from "../ast/nodes.js";
import {
  findBlockScope,
  findVarScope,
  ScopeTable,
  type Declaration,
  type DeclarationKind,
} from "../ast/scope.js";

export type MutationKind =
  "call" | "assign" | "compound" | "update" | "delete" | "reassign";

// Read once: ts-morph's `ts` reads every member through a getter, and the
// walk would otherwise call one per switch case for every node.
const { SyntaxKind, forEachChild } = ts;

/** Methods that change the collection they are called on. */
export const MUTATING_METHODS = new Set([
  "set",
  "add",
  "push",
  "unshift",
  "splice",
  "delete",
  "clear",
  "put",
  "setItem",
  "removeItem",
  "incr",
  "increment",
  "del",
  "fill",
  "pop",
  "shift",
  "sort",
  "reverse",
  "assign",
]);

/**
 * A write to a named value: `sessions.set(id, user)`, `carts[id] = items`,
 * `count++`, `currentUser = req.user`, `delete tokens[t]`.
 */
export interface Mutation {
  kind: MutationKind;
  /** The whole writing expression. */
  node: ts.Expression;
  /** The identifier or `this` the written chain starts from. */
  root: ts.Identifier | ts.ThisExpression;
  /** Property names between the root and the written value. */
  path: string[];
  method?: string;
  /** The key written, for `m.set(k, v)` and `o[k] = v`. */
  key?: ts.Expression;
  /** The value written. */
  value?: ts.Expression;
}

/** Everything one walk over a file collects for the detectors. */
export interface WalkResult {
  imports: ImportBinding[];
  /** Name declarations by scope, built on first access. */
  readonly scopes: ScopeTable;
  /** Every declaration in the file, built on first access. */
  readonly declarations: Declaration[];
  /** Variable, parameter, function and class nodes, in source order. */
  declaringNodes: ts.Node[];
  functions: FunctionNode[];
  calls: ts.CallExpression[];
  newExpressions: ts.NewExpression[];
  classes: (ts.ClassDeclaration | ts.ClassExpression)[];
  /** Writes to named values, built on first access. */
  readonly mutations: Mutation[];
  /** Lists the identifiers spelled `name`, in source order. */
  findIdentifiers(name: string): ts.Identifier[];
  /** Module exports: export name to local node (`export default` is `default`). */
  exports: Map<string, ts.Node>;
  directives: Set<string>;
  objectLiterals: ts.ObjectLiteralExpression[];
}

/**
 * The nodes collected from one file, with scopes and mutations built on
 * first use in class getters. Object-literal getters
 * kept each young syntax tree alive and roughly tripled garbage collection.
 */
class FileWalk implements WalkResult {
  imports: ImportBinding[] = [];
  declaringNodes: ts.Node[] = [];
  functions: FunctionNode[] = [];
  calls: ts.CallExpression[] = [];
  newExpressions: ts.NewExpression[] = [];
  classes: (ts.ClassDeclaration | ts.ClassExpression)[] = [];
  exports = new Map<string, ts.Node>();
  objectLiterals: ts.ObjectLiteralExpression[] = [];
  /** Writing nodes recorded by the walk, turned into mutations on first use. */
  writes: ts.Expression[] = [];
  readonly directives: Set<string>;
  private scopeTable?: ScopeTable;
  private declarationList?: Declaration[];
  private mutationList?: Mutation[];

  constructor(private readonly sourceFile: ts.SourceFile) {
    this.directives = collectDirectives(sourceFile.statements);
  }

  get scopes(): ScopeTable {
    if (!this.scopeTable) this.buildDeclarations();
    return this.scopeTable!;
  }

  get declarations(): Declaration[] {
    if (!this.declarationList) this.buildDeclarations();
    return this.declarationList!;
  }

  get mutations(): Mutation[] {
    this.mutationList ??= buildMutations(this.writes);
    return this.mutationList;
  }

  findIdentifiers(name: string): ts.Identifier[] {
    // Searching the text and descending to each match costs far less than
    // a second walk of the whole tree, or collecting identifiers in the
    // main walk. NOTE: a name spelled with a Unicode escape is not found.
    const text = this.sourceFile.text;
    const found: ts.Identifier[] = [];
    for (
      let at = text.indexOf(name);
      at !== -1;
      at = text.indexOf(name, at + name.length)
    ) {
      if (
        isIdentifierPart(text.charCodeAt(at - 1)) ||
        isIdentifierPart(text.charCodeAt(at + name.length))
      )
        continue;
      const identifier = findIdentifierAt(this.sourceFile, at);
      // A match in a comment or string lands on no identifier, or on the
      // next one, whose text then ends elsewhere.
      if (identifier?.text === name && identifier.end - name.length === at)
        found.push(identifier);
    }
    return found;
  }

  /** Turns the recorded declaring nodes into the scope table, once. */
  private buildDeclarations(): void {
    const scopes = new ScopeTable();
    const declarations: Declaration[] = [];
    const add = (declaration: Declaration): void => {
      scopes.add(declaration);
      declarations.push(declaration);
    };
    for (const node of this.declaringNodes) {
      if (ts.isVariableDeclaration(node)) declareVariable(node, add);
      else if (ts.isParameter(node)) declareParameter(node, add);
      else if (ts.isFunctionDeclaration(node)) declareFunction(node, add);
      else if (ts.isClassDeclaration(node)) declareClass(node, add);
    }
    this.scopeTable = scopes;
    this.declarationList = declarations;
  }
}

/** Walks a parsed file once and collects the nodes the detectors need. */
export function walkFile(sourceFile: ts.SourceFile): WalkResult {
  const result = new FileWalk(sourceFile);
  // The engine parses without parent links and sets them here, so the
  // tree is traversed once for both instead of once more by the parser.
  let parent: ts.Node = sourceFile;
  const visit = (node: ts.Node): void => {
    (node as { parent: ts.Node }).parent = parent;
    collectNode(node, result);
    const saved = parent;
    parent = node;
    forEachChild(node, visit);
    parent = saved;
  };
  forEachChild(sourceFile, visit);
  return result;
}

function isIdentifierPart(code: number): boolean {
  return ts.isIdentifierPart(code, ts.ScriptTarget.Latest);
}

/** Descends from the root to the identifier whose range, leading trivia included, contains the position. */
function findIdentifierAt(
  sourceFile: ts.SourceFile,
  position: number,
): ts.Identifier | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = forEachChild(node, (candidate) =>
      candidate.pos <= position && position < candidate.end
        ? candidate
        : undefined,
    );
    if (!child) return undefined;
    if (child.kind === SyntaxKind.Identifier) return child as ts.Identifier;
    node = child;
  }
}

function collectDirectives(
  statements: ts.NodeArray<ts.Statement>,
): Set<string> {
  const directives = new Set<string>();
  for (const statement of statements) {
    if (
      !ts.isExpressionStatement(statement) ||
      !ts.isStringLiteral(statement.expression)
    ) {
      break;
    }
    directives.add(statement.expression.text);
  }
  return directives;
}

function collectNode(node: ts.Node, result: FileWalk): void {
  switch (node.kind) {
    case SyntaxKind.CallExpression:
      collectCall(node as ts.CallExpression, result);
      return;
    case SyntaxKind.NewExpression:
      result.newExpressions.push(node as ts.NewExpression);
      return;
    case SyntaxKind.BinaryExpression:
      collectBinary(node as ts.BinaryExpression, result);
      return;
    case SyntaxKind.PrefixUnaryExpression:
    case SyntaxKind.PostfixUnaryExpression:
    case SyntaxKind.DeleteExpression:
      result.writes.push(node as ts.Expression);
      return;
    case SyntaxKind.VariableDeclaration:
      collectVariable(node as ts.VariableDeclaration, result);
      return;
    case SyntaxKind.Parameter:
      result.declaringNodes.push(node);
      return;
    case SyntaxKind.FunctionDeclaration:
      collectFunctionDeclaration(node as ts.FunctionDeclaration, result);
      result.functions.push(node as ts.FunctionDeclaration);
      return;
    case SyntaxKind.ClassDeclaration:
    case SyntaxKind.ClassExpression:
      collectClass(node as ts.ClassDeclaration, result);
      return;
    case SyntaxKind.ImportDeclaration:
      collectImportDeclaration(node as ts.ImportDeclaration, result.imports);
      return;
    case SyntaxKind.ImportEqualsDeclaration:
      collectImportEquals(node as ts.ImportEqualsDeclaration, result.imports);
      return;
    case SyntaxKind.ExportAssignment:
      result.exports.set("default", (node as ts.ExportAssignment).expression);
      return;
    case SyntaxKind.ExportDeclaration:
      collectExportDeclaration(node as ts.ExportDeclaration, result);
      return;
    case SyntaxKind.ObjectLiteralExpression:
      result.objectLiterals.push(node as ts.ObjectLiteralExpression);
      return;
    case SyntaxKind.FunctionExpression:
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.MethodDeclaration:
    case SyntaxKind.Constructor:
    case SyntaxKind.GetAccessor:
    case SyntaxKind.SetAccessor:
      result.functions.push(node as FunctionNode);
      return;
  }
}

function collectCall(call: ts.CallExpression, result: FileWalk): void {
  result.calls.push(call);
  const callee = call.expression;
  if (
    ts.isPropertyAccessExpression(callee) &&
    MUTATING_METHODS.has(callee.name.text)
  ) {
    result.writes.push(call);
  }
}

/** Turns the writing nodes recorded by the walk into mutations. */
function buildMutations(writes: readonly ts.Expression[]): Mutation[] {
  const mutations: Mutation[] = [];
  for (const node of writes) {
    if (ts.isCallExpression(node)) buildCallMutation(node, mutations);
    else if (ts.isBinaryExpression(node)) buildBinaryMutation(node, mutations);
    else if (ts.isDeleteExpression(node)) {
      addMutation(mutations, "delete", node, node.expression);
    } else if (
      ts.isPrefixUnaryExpression(node) ||
      ts.isPostfixUnaryExpression(node)
    ) {
      buildUpdateMutation(node, mutations);
    }
  }
  return mutations;
}

function buildCallMutation(call: ts.CallExpression, sink: Mutation[]): void {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return;

  // `Object.assign(target, ...)` writes its first argument.
  if (
    callee.name.text === "assign" &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "Object"
  ) {
    const target = call.arguments[0];
    if (target) {
      addMutation(
        sink,
        "call",
        call,
        target,
        "assign",
        undefined,
        call.arguments[1],
      );
    }
    return;
  }

  const [first, second] = call.arguments;
  const method = callee.name.text;
  const isKeyed = method === "set" || method === "put" || method === "setItem";
  // `m.set(k, v)` writes value v at key k, and `m.delete(k)` removes key k.
  // `list.push(v)` and the like write their first argument.
  let key: ts.Expression | undefined;
  let value: ts.Expression | undefined = first;
  if (isKeyed) {
    key = first;
    value = second;
  } else if (method === "delete") {
    key = first;
  }
  addMutation(sink, "call", call, callee.expression, method, key, value);
}

const ASSIGNMENT_OPERATORS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
]);

function collectBinary(binary: ts.BinaryExpression, result: FileWalk): void {
  if (!ASSIGNMENT_OPERATORS.has(binary.operatorToken.kind)) return;
  collectCommonJsAssignment(
    unwrapExpression(binary.left),
    binary.right,
    result,
  );
  result.writes.push(binary);
}

function buildBinaryMutation(
  binary: ts.BinaryExpression,
  sink: Mutation[],
): void {
  const operator = binary.operatorToken.kind;
  const left = unwrapExpression(binary.left);
  const kind: MutationKind =
    operator === ts.SyntaxKind.EqualsToken ? "assign" : "compound";
  if (ts.isIdentifier(left)) {
    sink.push({
      kind: kind === "assign" ? "reassign" : "compound",
      node: binary,
      root: left,
      path: [],
      value: binary.right,
    });
    return;
  }
  if (
    ts.isPropertyAccessExpression(left) ||
    ts.isElementAccessExpression(left)
  ) {
    const key = ts.isElementAccessExpression(left)
      ? left.argumentExpression
      : undefined;
    addMutation(
      sink,
      kind,
      binary,
      left.expression,
      undefined,
      key,
      binary.right,
      left,
    );
  }
}

/** Records `module.exports.name = value`, `exports.name = value` and `module.exports = {...}`. */
function collectCommonJsAssignment(
  left: ts.Expression,
  right: ts.Expression,
  result: WalkResult,
): void {
  if (!ts.isPropertyAccessExpression(left)) return;
  const target = left.expression;
  if (isModuleExports(left)) {
    result.exports.set("default", right);
    const value = unwrapExpression(right);
    if (ts.isObjectLiteralExpression(value)) {
      for (const property of value.properties) {
        if (ts.isShorthandPropertyAssignment(property)) {
          result.exports.set(property.name.text, property.name);
        } else if (
          ts.isPropertyAssignment(property) &&
          ts.isIdentifier(property.name)
        ) {
          result.exports.set(property.name.text, property.initializer);
        } else if (
          ts.isMethodDeclaration(property) &&
          ts.isIdentifier(property.name)
        ) {
          result.exports.set(property.name.text, property);
        }
      }
    }
    return;
  }
  if (
    (ts.isIdentifier(target) && target.text === "exports") ||
    isModuleExports(target)
  ) {
    result.exports.set(left.name.text, right);
  }
}

function isModuleExports(expression: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === "module" &&
    expression.name.text === "exports"
  );
}

function buildUpdateMutation(
  node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression,
  sink: Mutation[],
): void {
  if (
    node.operator !== ts.SyntaxKind.PlusPlusToken &&
    node.operator !== ts.SyntaxKind.MinusMinusToken
  ) {
    return;
  }
  const operand = unwrapExpression(node.operand);
  if (ts.isIdentifier(operand)) {
    sink.push({ kind: "update", node, root: operand, path: [] });
    return;
  }
  if (
    ts.isPropertyAccessExpression(operand) ||
    ts.isElementAccessExpression(operand)
  ) {
    const key = ts.isElementAccessExpression(operand)
      ? operand.argumentExpression
      : undefined;
    addMutation(
      sink,
      "update",
      node,
      operand.expression,
      undefined,
      key,
      undefined,
      operand,
    );
  }
}

function addMutation(
  sink: Mutation[],
  kind: MutationKind,
  node: ts.Expression,
  target: ts.Expression,
  method?: string,
  key?: ts.Expression,
  value?: ts.Expression,
  written?: ts.Expression,
): void {
  const root = findAccessRoot(target);
  if (!root) return;
  const path = getAccessPath(target);
  // For `o.k = v` the container is `o` and `k` the key; keep that property
  // name as the key when the access is not computed.
  if (written && ts.isPropertyAccessExpression(written) && !key) {
    sink.push({
      kind,
      node,
      root,
      path,
      method,
      key: written.name,
      value,
    });
    return;
  }
  sink.push({ kind, node, root, path, method, key, value });
}

function getDeclarationKind(list: ts.VariableDeclarationList): DeclarationKind {
  if (list.flags & ts.NodeFlags.Const) return "const";
  if (list.flags & ts.NodeFlags.Let) return "let";
  return "var";
}

function collectVariable(
  declaration: ts.VariableDeclaration,
  result: WalkResult,
): void {
  collectRequireDeclaration(declaration, result.imports);
  result.declaringNodes.push(declaration);

  const statement = declaration.parent.parent;
  if (
    !ts.isVariableStatement(statement) ||
    !hasModifier(statement, ts.SyntaxKind.ExportKeyword)
  )
    return;
  for (const name of collectBindingNames(declaration.name)) {
    result.exports.set(name.text, declaration);
  }
}

function declareVariable(
  declaration: ts.VariableDeclaration,
  add: (declaration: Declaration) => void,
): void {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list)) return;
  const kind = getDeclarationKind(list);
  const scope =
    kind === "var" ? findVarScope(declaration) : findBlockScope(list);
  const statement = list.parent;
  const exported =
    ts.isVariableStatement(statement) &&
    hasModifier(statement, ts.SyntaxKind.ExportKeyword);

  if (ts.isIdentifier(declaration.name)) {
    add({
      name: declaration.name.text,
      kind,
      node: declaration,
      scope,
      initializer: declaration.initializer,
      exported,
    });
    return;
  }
  for (const name of collectBindingNames(declaration.name)) {
    add({
      name: name.text,
      kind,
      node: declaration,
      scope,
      patternSource: declaration.initializer,
      exported,
    });
  }
}

function declareParameter(
  parameter: ts.ParameterDeclaration,
  add: (declaration: Declaration) => void,
): void {
  for (const name of collectBindingNames(parameter.name)) {
    add({
      name: name.text,
      kind: "parameter",
      node: parameter,
      scope: parameter.parent,
      exported: false,
    });
  }
}

function collectFunctionDeclaration(
  declaration: ts.FunctionDeclaration,
  result: WalkResult,
): void {
  result.declaringNodes.push(declaration);
  const isDefault = hasModifier(declaration, ts.SyntaxKind.DefaultKeyword);
  if (!declaration.name) {
    if (isDefault) result.exports.set("default", declaration);
    return;
  }
  if (hasModifier(declaration, ts.SyntaxKind.ExportKeyword)) {
    result.exports.set(
      isDefault ? "default" : declaration.name.text,
      declaration,
    );
  }
}

function declareFunction(
  declaration: ts.FunctionDeclaration,
  add: (declaration: Declaration) => void,
): void {
  if (!declaration.name) return;
  add({
    name: declaration.name.text,
    kind: "function",
    node: declaration,
    scope: findVarScope(declaration),
    exported: hasModifier(declaration, ts.SyntaxKind.ExportKeyword),
  });
}

function collectClass(
  declaration: ts.ClassDeclaration | ts.ClassExpression,
  result: WalkResult,
): void {
  result.classes.push(declaration);
  if (!ts.isClassDeclaration(declaration)) return;
  result.declaringNodes.push(declaration);
  if (hasModifier(declaration, ts.SyntaxKind.ExportKeyword)) {
    const isDefault = hasModifier(declaration, ts.SyntaxKind.DefaultKeyword);
    result.exports.set(
      isDefault ? "default" : (declaration.name?.text ?? "default"),
      declaration,
    );
  }
}

function declareClass(
  declaration: ts.ClassDeclaration,
  add: (declaration: Declaration) => void,
): void {
  if (!declaration.name) return;
  add({
    name: declaration.name.text,
    kind: "class",
    node: declaration,
    scope: findBlockScope(declaration),
    exported: hasModifier(declaration, ts.SyntaxKind.ExportKeyword),
  });
}

function collectExportDeclaration(
  declaration: ts.ExportDeclaration,
  result: WalkResult,
): void {
  const clause = declaration.exportClause;
  if (!clause || !ts.isNamedExports(clause) || declaration.moduleSpecifier)
    return;
  for (const element of clause.elements) {
    result.exports.set(element.name.text, element.propertyName ?? element.name);
  }
}

/** Lists the identifiers a binding pattern declares. */
export function collectBindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  const names: ts.Identifier[] = [];
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    names.push(...collectBindingNames(element.name));
  }
  return names;
}
