import { ts } from "ts-morph";

import type { ImportBinding } from "../ast/imports.js";
import { getRequiredModule } from "../ast/imports.js";
import {
  getCalleeName,
  getDecoratorNames,
  isFunctionNode,
  unwrapExpression,
  type FunctionNode,
} from "../ast/nodes.js";
import { isPrincipalExpression } from "../ast/principal.js";
import type { Declaration, ScopeTable } from "../ast/scope.js";
import type { FileKind } from "../file-kind.js";
import type { ProjectFacts } from "./project-facts.js";
import { RequestScope } from "./request-scope.js";
import { walkFile, type Mutation, type WalkResult } from "./walk-file.js";

/** The origin of a name: a module and the property path below its export. */
export interface ResolvedSymbol {
  module: string;
  /** Export path: `[]` for the module itself or its default export, `["MemoryStore"]` for a member. */
  path: string[];
  /** True when the module's export was called, as in `require("memorystore")(session)`. */
  factoryCall: boolean;
}

/** A write to a value imported from a relative module: `store.set(...)` where `store` comes from `./store`. */
export interface ImportWrite {
  mutation: Mutation;
  module: string;
  /** The written export's name in the imported module. */
  exportName: string;
}

const DEV_CONDITION =
  /NODE_ENV\s*!==?\s*["'`]production|NODE_ENV\s*===?\s*["'`](development|dev|test|local)|\bis(Dev|Development|Test|Local)\b|process\.env\.CI\b|\b__DEV__\b|!\s*is(Prod|Production)\b|get\(\s*["']env["']\s*\)\s*===?\s*["']development/;
const PROD_CONDITION =
  /NODE_ENV\s*===?\s*["'`]production|(^|[^!])\bis(Prod|Production)\b|get\(\s*["']env["']\s*\)\s*===?\s*["']production/;

/** Facts the engine collects about one parsed file, shared by every detector. */
export class FileFacts {
  readonly walk: WalkResult;
  private readonly scope: RequestScope;
  /**
   * The files analysed with this one, which link request code across them
   * on the first request-scope query. A reference, because a stored
   * closure kept every young syntax tree alive through scavenges.
   */
  project?: ProjectFacts;
  private readonly importsByNode = new Map<ts.Node, ImportBinding[]>();
  private mutationIndex?: Map<Declaration, Mutation[]>;
  private readonly identifiersByName = new Map<string, ts.Identifier[]>();
  private requestAncestors?: Set<ts.Node>;
  private readonly referenceCache = new Map<Declaration, ts.Identifier[]>();
  private moduleSet?: Set<string>;
  private relativeNames?: Set<string>;
  private tokenIndex?: ContentTokens;
  private importsIndexed = false;
  private readonly symbolCache = new Map<ts.Node, ResolvedSymbol | null>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly sourceFile: ts.SourceFile,
    readonly kind: FileKind,
  ) {
    this.walk = walkFile(sourceFile);
    this.scope = new RequestScope(
      this.walk,
      path,
      (expression) => this.resolveFunction(expression),
      (expression) => this.describeRelativeImport(expression),
    );
  }

  /**
   * Which functions serve requests. Cross-file links are made on first
   * access, so files that no detector queries cost nothing.
   */
  get requestScope(): RequestScope {
    this.project?.linkRequestCalls();
    return this.scope;
  }

  /** The request scope without cross-file links, for ProjectFacts while it links. */
  get localRequestScope(): RequestScope {
    return this.scope;
  }

  get serverless(): boolean {
    return this.scope.serverless;
  }

  get imports(): readonly ImportBinding[] {
    return this.walk.imports;
  }

  /** Lists every module the file imports or requires, including inline `require("m")` calls. */
  get importedModules(): ReadonlySet<string> {
    if (!this.moduleSet) {
      this.moduleSet = new Set(
        this.walk.imports.map((binding) => binding.module),
      );
      for (const call of this.walk.calls) {
        const module = getRequiredModule(call);
        if (module !== undefined) this.moduleSet.add(module);
      }
    }
    return this.moduleSet;
  }

  /**
   * True when the file imports any of the packages or a path inside one
   * (`rate-limiter-flexible/lib/RateLimiterMemory.js`); detectors use it to
   * skip files early.
   */
  importsPackage(packages: readonly string[]): boolean {
    for (const module of this.importedModules) {
      for (const name of packages) {
        if (module === name || module.startsWith(`${name}/`)) return true;
      }
    }
    return false;
  }

  /**
   * Lists the local names bound to relative imports (`./store`), so that
   * cross-file links skip other names without resolving scopes.
   */
  get relativeImportNames(): ReadonlySet<string> {
    this.relativeNames ??= new Set(
      this.walk.imports
        .filter((binding) => binding.module.startsWith("."))
        .map((binding) => binding.local),
    );
    return this.relativeNames;
  }

  /**
   * Content tokens that project-wide lookups select files by: `call:name`
   * for each called or constructed function or method name (decorator
   * calls included), `decorator:name`, `class:name`, `extends:name` and
   * `module:specifier` for each imported module.
   */
  get tokens(): ContentTokens {
    this.tokenIndex ??= new ContentTokens(this);
    return this.tokenIndex;
  }

  /**
   * Lists the exports of relative modules that any code of the file calls,
   * request code or not: once another file makes a caller here request
   * code, these are the calls that carry it on.
   */
  listRelativeCalls(): { module: string; exportName: string }[] {
    if (this.relativeImportNames.size === 0) return [];
    const calls = new Map<string, { module: string; exportName: string }>();
    for (const call of this.walk.calls) {
      const target = this.describeRelativeImport(call.expression);
      if (target) calls.set(`${target.module}\0${target.exportName}`, target);
    }
    return [...calls.values()];
  }

  /** Lists writes to values imported from relative modules, with the export each one writes. */
  listImportWrites(): ImportWrite[] {
    const names = this.relativeImportNames;
    if (names.size === 0) return [];
    const writes: ImportWrite[] = [];
    for (const mutation of this.walk.mutations) {
      if (!ts.isIdentifier(mutation.root) || !names.has(mutation.root.text))
        continue;
      const binding = this.getImport(mutation.root);
      if (!binding || !binding.module.startsWith(".")) continue;
      const exportName =
        binding.imported === "*" ? mutation.path[0] : binding.imported;
      if (exportName)
        writes.push({ mutation, module: binding.module, exportName });
    }
    return writes;
  }

  /** True when request code runs in this file, after cross-file links are made. */
  hasRequestCode(): boolean {
    return this.requestScope.listRequestFunctions().length > 0;
  }

  /** True when the file imports or requires any of the modules; detectors use it to skip files early. */
  importsAny(modules: readonly string[]): boolean {
    const imported = this.importedModules;
    return modules.some((module) => imported.has(module));
  }

  /** Name declarations by scope, imports included; built on first use. */
  get scopes(): ScopeTable {
    const scopes = this.walk.scopes;
    if (!this.importsIndexed) {
      this.importsIndexed = true;
      this.indexImports(scopes);
    }
    return scopes;
  }

  private indexImports(scopes: ScopeTable): void {
    const sourceFile = this.sourceFile;
    for (const binding of this.walk.imports) {
      let owner: ts.Node = binding.node;
      while (
        owner.parent &&
        !ts.isVariableDeclaration(owner) &&
        !ts.isImportDeclaration(owner) &&
        !ts.isImportEqualsDeclaration(owner)
      ) {
        owner = owner.parent;
      }
      if (
        ts.isImportDeclaration(owner) ||
        ts.isImportEqualsDeclaration(owner)
      ) {
        scopes.add({
          name: binding.local,
          kind: "import",
          node: binding.node,
          scope: sourceFile,
          exported: false,
        });
        owner = binding.node;
      }
      const list = this.importsByNode.get(owner) ?? [];
      list.push(binding);
      this.importsByNode.set(owner, list);
    }
  }

  /** Returns the import binding an identifier refers to, if it names an import. */
  getImport(identifier: ts.Identifier): ImportBinding | undefined {
    const declaration = this.scopes.resolve(identifier);
    if (!declaration) return undefined;
    const bindings = this.importsByNode.get(declaration.node);
    return bindings?.find((binding) => binding.local === identifier.text);
  }

  /**
   * Resolves an expression to the module member it denotes: `session`,
   * `session.MemoryStore`, `require("m").X`, `createStore(session)` and
   * local aliases of those (`const Store = session.MemoryStore`).
   */
  resolveSymbol(
    expression: ts.Expression,
    depth = 4,
  ): ResolvedSymbol | undefined {
    if (depth !== 4) return this.resolveSymbolUncached(expression, depth);
    const cached = this.symbolCache.get(expression);
    if (cached !== undefined) return cached ?? undefined;
    const resolved = this.resolveSymbolUncached(expression, depth);
    this.symbolCache.set(expression, resolved ?? null);
    return resolved;
  }

  private resolveSymbolUncached(
    expression: ts.Expression,
    depth: number,
  ): ResolvedSymbol | undefined {
    if (depth < 0) return undefined;
    const value = unwrapExpression(expression);

    const required = getRequiredModule(value);
    if (required) return { module: required, path: [], factoryCall: false };

    if (ts.isIdentifier(value)) {
      const binding = this.getImport(value);
      if (binding) {
        const path =
          binding.imported === "*" || binding.imported === "default"
            ? []
            : binding.imported.split(".");
        return {
          module: binding.module,
          path,
          factoryCall: binding.factoryCall,
        };
      }
      const declaration = this.scopes.resolve(value);
      if (declaration?.initializer && declaration.kind === "const") {
        return this.resolveSymbol(declaration.initializer, depth - 1);
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(value)) {
      const base = this.resolveSymbol(value.expression, depth - 1);
      if (!base) return undefined;
      // `mod.default` is the default export, which `path: []` already denotes.
      if (value.name.text === "default" && base.path.length === 0) return base;
      return { ...base, path: [...base.path, value.name.text] };
    }
    if (ts.isCallExpression(value)) {
      const base = this.resolveSymbol(value.expression, depth - 1);
      if (base) return { ...base, factoryCall: true };
    }
    return undefined;
  }

  /** True when the expression resolves to the given module member (`path` empty for the module itself). */
  isSymbol(
    expression: ts.Expression,
    modules: readonly string[],
    path: readonly string[] = [],
  ): boolean {
    const symbol = this.resolveSymbol(expression);
    return (
      symbol !== undefined &&
      modules.includes(symbol.module) &&
      symbol.path.length === path.length &&
      symbol.path.every((name, index) => name === path[index])
    );
  }

  /** Resolves an identifier to the function it names in this file, if any. */
  resolveFunction(expression: ts.Expression): FunctionNode | undefined {
    const value = unwrapExpression(expression);
    if (isFunctionNode(value)) return value;
    if (!ts.isIdentifier(value)) return undefined;
    const declaration = this.scopes.resolve(value);
    if (!declaration) return undefined;
    if (declaration.kind === "function")
      return declaration.node as ts.FunctionDeclaration;
    if (declaration.initializer) {
      const initializer = unwrapExpression(declaration.initializer);
      if (isFunctionNode(initializer)) return initializer;
    }
    return undefined;
  }

  /** Describes `fn` or `ns.fn` imported from a relative module, for cross-file links. */
  describeRelativeImport(
    expression: ts.Expression,
  ): { module: string; exportName: string } | undefined {
    const value = unwrapExpression(expression);
    let identifier: ts.Identifier | undefined;
    let member: string | undefined;
    if (ts.isIdentifier(value)) identifier = value;
    else if (
      ts.isPropertyAccessExpression(value) &&
      ts.isIdentifier(value.expression)
    ) {
      identifier = value.expression;
      member = value.name.text;
    }
    if (!identifier || !this.relativeImportNames.has(identifier.text))
      return undefined;
    const binding = this.getImport(identifier);
    if (!binding || !binding.module.startsWith(".") || binding.factoryCall)
      return undefined;
    const isWhole = binding.imported === "*" || binding.imported === "default";
    if (member)
      return isWhole
        ? { module: binding.module, exportName: member }
        : undefined;
    return { module: binding.module, exportName: binding.imported };
  }

  isModuleLevel(declaration: Declaration): boolean {
    return ts.isSourceFile(declaration.scope);
  }

  /** True when the node runs while serving a request (directly or through at most two calls). */
  isInRequestScope(node: ts.Node): boolean {
    return this.requestScope.isInRequestScope(node);
  }

  /**
   * True when request code is nested inside the function: a factory such as
   * `createRouter()` whose locals outlive each request, because the
   * handlers it registers keep them alive.
   */
  enclosesRequestCode(fn: ts.Node): boolean {
    if (!this.requestAncestors) {
      this.requestAncestors = new Set();
      for (const [
        requestFunction,
      ] of this.requestScope.listRequestFunctions()) {
        let current: ts.Node | undefined = requestFunction.parent;
        while (current && !this.requestAncestors.has(current)) {
          this.requestAncestors.add(current);
          current = current.parent;
        }
      }
    }
    return this.requestAncestors.has(fn);
  }

  isPrincipal(expression: ts.Expression | undefined): boolean {
    return isPrincipalExpression(expression, this.scopes);
  }

  /** True when the node sits in a branch that runs only outside production. */
  isDevOnly(node: ts.Node): boolean {
    return this.getBranchEnvironment(node) === "development";
  }

  /** True when the node sits in a branch that runs only in production. */
  isProductionOnly(node: ts.Node): boolean {
    return this.getBranchEnvironment(node) === "production";
  }

  /**
   * Returns the environment the innermost environment check around the node
   * limits it to: `if (NODE_ENV !== "production")`, `isDev ? a : b`,
   * `isProd && x`, and their else branches.
   */
  getBranchEnvironment(
    node: ts.Node,
  ): "development" | "production" | undefined {
    let child: ts.Node = node;
    let current: ts.Node | undefined = node.parent;
    while (current && !ts.isSourceFile(current)) {
      let condition: ts.Expression | undefined;
      let inThen = false;
      let inElse = false;
      if (ts.isIfStatement(current)) {
        condition = current.expression;
        inThen = child === current.thenStatement;
        inElse = child === current.elseStatement;
      } else if (ts.isConditionalExpression(current)) {
        condition = current.condition;
        inThen = child === current.whenTrue;
        inElse = child === current.whenFalse;
      } else if (
        ts.isBinaryExpression(current) &&
        current.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
      ) {
        condition = current.left;
        inThen = child === current.right;
      }
      if (condition && (inThen || inElse)) {
        const text = condition.getText(this.sourceFile);
        const dev = DEV_CONDITION.test(text);
        const prod = PROD_CONDITION.test(text) && !dev;
        if (dev) return inThen ? "development" : "production";
        if (prod) return inThen ? "production" : "development";
      }
      child = current;
      current = current.parent;
    }
    return undefined;
  }

  /** Lists writes to a declared name, found anywhere in this file. */
  listMutations(declaration: Declaration): Mutation[] {
    if (!this.mutationIndex) {
      this.mutationIndex = new Map();
      for (const mutation of this.walk.mutations) {
        if (!ts.isIdentifier(mutation.root)) continue;
        const target = this.scopes.resolve(mutation.root);
        if (!target) continue;
        const list = this.mutationIndex.get(target) ?? [];
        list.push(mutation);
        this.mutationIndex.set(target, list);
      }
    }
    return this.mutationIndex.get(declaration) ?? [];
  }

  /** Lists identifiers that refer to a declared name (its own declaration excluded). */
  listReferences(declaration: Declaration): ts.Identifier[] {
    const cached = this.referenceCache.get(declaration);
    if (cached) return cached;
    let spelled = this.identifiersByName.get(declaration.name);
    if (!spelled) {
      // Only identifiers spelled like the declaration are resolved
      // through the scope chain.
      spelled = this.walk.findIdentifiers(declaration.name);
      this.identifiersByName.set(declaration.name, spelled);
    }
    const references: ts.Identifier[] = [];
    for (const identifier of spelled) {
      const parent = identifier.parent;
      // Property names (`x.name`, `{ name: v }`) are not references.
      if (ts.isPropertyAccessExpression(parent) && parent.name === identifier)
        continue;
      if (ts.isPropertyAssignment(parent) && parent.name === identifier)
        continue;
      if (this.scopes.resolve(identifier) !== declaration) continue;
      if (isDeclarationName(identifier, declaration)) continue;
      references.push(identifier);
    }
    this.referenceCache.set(declaration, references);
    return references;
  }

  /** Lists module-level and closure declarations whose names match, for detectors. */
  listDeclarations(
    filter: (declaration: Declaration) => boolean,
  ): Declaration[] {
    return this.walk.declarations.filter(filter);
  }

  /** Returns the 1-based line of a node's start. */
  getLine(node: ts.Node): number {
    return (
      this.sourceFile.getLineAndCharacterOfPosition(
        node.getStart(this.sourceFile),
      ).line + 1
    );
  }
}

function isDeclarationName(
  identifier: ts.Identifier,
  declaration: Declaration,
): boolean {
  const node = declaration.node;
  if (node === identifier) return true;
  if (
    (ts.isVariableDeclaration(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isParameter(node)) &&
    node.name === identifier
  ) {
    return true;
  }
  return (
    ts.isBindingElement(identifier.parent) &&
    identifier.parent.name === identifier
  );
}

/**
 * The names a file calls, declares, extends, decorates with and imports,
 * kept as plain strings so that they outlive the file's tree.
 */
export class ContentTokens {
  private readonly calls = new Set<string>();
  private readonly classes = new Set<string>();
  private readonly bases = new Set<string>();
  private readonly decorators = new Set<string>();
  private readonly modules: ReadonlySet<string>;

  constructor(file: FileFacts) {
    for (const call of file.walk.calls) {
      const name = getCalleeName(call);
      if (name) this.calls.add(name);
    }
    for (const call of file.walk.newExpressions) {
      const name = getCalleeName(call);
      if (name) this.calls.add(name);
    }
    for (const declaration of file.walk.classes) {
      if (declaration.name) this.classes.add(declaration.name.text);
      for (const clause of declaration.heritageClauses ?? []) {
        if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        const base = clause.types[0]?.expression;
        if (base) this.bases.add(base.getText(file.sourceFile));
      }
      this.addDecorators(declaration);
      for (const member of declaration.members) {
        this.addDecorators(member);
        if (!ts.isConstructorDeclaration(member)) continue;
        for (const parameter of member.parameters)
          this.addDecorators(parameter);
      }
    }
    this.modules = file.importedModules;
  }

  /** True for a token such as `call:decorate` or `module:@hapi/hapi`. */
  has(token: string): boolean {
    const colon = token.indexOf(":");
    const name = token.slice(colon + 1);
    switch (token.slice(0, colon)) {
      case "call":
        return this.calls.has(name);
      case "class":
        return this.classes.has(name);
      case "extends":
        return this.bases.has(name);
      case "decorator":
        return this.decorators.has(name);
      case "module":
        return this.modules.has(name);
      default:
        return false;
    }
  }

  private addDecorators(node: ts.Node): void {
    for (const name of getDecoratorNames(node)) this.decorators.add(name);
  }
}
