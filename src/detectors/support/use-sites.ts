import { ts } from "ts-morph";

import { getPropertyName, unwrapExpression } from "../../engine/ast/nodes.js";
import type { Declaration } from "../../engine/ast/scope.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";

/**
 * The place a constructed value is kept: a variable, a class field, or a
 * module export with no local name (`module.exports = new X()`).
 */
export type Binding =
  | { kind: "variable"; declaration: Declaration }
  | { kind: "field"; owner: ts.ClassLikeDeclaration; name: string }
  | { kind: "export"; exportName: string };

/** An expression that denotes the bound value: `cache`, `this.cache`, or `ns.cache` in another file. */
export interface UseSite {
  file: FileFacts;
  node: ts.Expression;
}

/** A method called on a use site, such as `cache.set(key, value)`. */
export interface MethodCall {
  file: FileFacts;
  method: string;
  call: ts.CallExpression;
}

/** Returns the outermost expression around the node that only wraps it: parentheses, `await`, type assertions. */
export function climbWrappers(node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent &&
    (ts.isParenthesizedExpression(current.parent) ||
      ts.isAwaitExpression(current.parent) ||
      ts.isAsExpression(current.parent) ||
      ts.isNonNullExpression(current.parent) ||
      ts.isSatisfiesExpression(current.parent) ||
      ts.isTypeAssertionExpression(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}

/** Finds the variable, field or export a construction is stored in. */
export function findBinding(
  file: FileFacts,
  construction: ts.Node,
): Binding | undefined {
  const node = climbWrappers(construction);
  const parent = node.parent;
  if (!parent) return undefined;

  if (
    ts.isVariableDeclaration(parent) &&
    parent.initializer === node &&
    ts.isIdentifier(parent.name)
  ) {
    const declaration = file.walk.declarations.find(
      (candidate) => candidate.node === parent,
    );
    return declaration ? { kind: "variable", declaration } : undefined;
  }
  if (ts.isPropertyDeclaration(parent) && parent.initializer === node) {
    const name = getPropertyName(parent.name);
    return name && ts.isClassLike(parent.parent)
      ? { kind: "field", owner: parent.parent, name }
      : undefined;
  }
  if (ts.isExportAssignment(parent))
    return { kind: "export", exportName: "default" };
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    return findAssignmentBinding(file, unwrapExpression(parent.left));
  }
  return undefined;
}

function findAssignmentBinding(
  file: FileFacts,
  left: ts.Expression,
): Binding | undefined {
  if (ts.isIdentifier(left)) {
    const declaration = file.scopes.resolve(left);
    return declaration ? { kind: "variable", declaration } : undefined;
  }
  if (!ts.isPropertyAccessExpression(left)) return undefined;
  if (left.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let owner: ts.Node | undefined = left.parent;
    while (owner && !ts.isClassLike(owner)) owner = owner.parent;
    return owner ? { kind: "field", owner, name: left.name.text } : undefined;
  }
  const target = left.expression;
  if (isModuleExports(left)) return { kind: "export", exportName: "default" };
  if (
    (ts.isIdentifier(target) && target.text === "exports") ||
    isModuleExports(target)
  ) {
    return { kind: "export", exportName: left.name.text };
  }
  return undefined;
}

function isModuleExports(expression: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === "module" &&
    expression.name.text === "exports"
  );
}

/**
 * Lists the expressions that denote a bound value: references in its own
 * file, `this.name` inside the owning class, and references in other files
 * of the run that import it through a relative path.
 */
export function listUseSites(
  file: FileFacts,
  project: ProjectFacts,
  binding: Binding,
): UseSite[] {
  if (binding.kind === "field") {
    return listFieldAccesses(binding.owner, binding.name).map((node) => ({
      file,
      node,
    }));
  }
  if (binding.kind === "export") {
    return listImportedSites(file, project, binding.exportName);
  }
  const sites: UseSite[] = file
    .listReferences(binding.declaration)
    .map((node) => ({ file, node }));
  for (const exportName of listExportNames(file, binding.declaration)) {
    sites.push(...listImportedSites(file, project, exportName));
  }
  return [...sites, ...sites.flatMap(listAliasSites)];
}

/**
 * Lists the uses of a local constant that only renames a use site:
 * `const cache = await cachePromise` makes `cache.set(...)` a use of the
 * cache built by `cachePromise`'s factory.
 */
function listAliasSites(site: UseSite): UseSite[] {
  const node = climbWrappers(site.node);
  const parent = node.parent;
  if (
    !parent ||
    !ts.isVariableDeclaration(parent) ||
    parent.initializer !== node ||
    !ts.isIdentifier(parent.name)
  ) {
    return [];
  }
  const alias = site.file.walk.declarations.find(
    (declaration) =>
      declaration.node === parent && declaration.kind === "const",
  );
  if (!alias) return [];
  return site.file
    .listReferences(alias)
    .map((reference) => ({ file: site.file, node: reference }));
}

/** Lists `this.name` accesses inside a class body. */
export function listFieldAccesses(
  owner: ts.ClassLikeDeclaration,
  name: string,
): ts.PropertyAccessExpression[] {
  const accesses: ts.PropertyAccessExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ThisKeyword &&
      node.name.text === name
    ) {
      accesses.push(node);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(owner, visit);
  return accesses;
}

/** Lists the names under which a module-level declaration is exported. */
export function listExportNames(
  file: FileFacts,
  declaration: Declaration,
): string[] {
  const names: string[] = [];
  for (const [name, node] of file.walk.exports) {
    if (
      node === declaration.node ||
      (ts.isIdentifier(node) && file.scopes.resolve(node) === declaration)
    ) {
      names.push(name);
    }
  }
  return names;
}

/** Lists the expressions in other files that denote `exportName` of `file`. */
function listImportedSites(
  file: FileFacts,
  project: ProjectFacts,
  exportName: string,
): UseSite[] {
  const sites: UseSite[] = [];
  for (const { file: other, binding } of project.listImportsOf(file, [
    exportName,
  ])) {
    if (binding.factoryCall) continue;
    if (!ts.isIdentifier(binding.node)) continue;

    const isNamespace =
      binding.imported === "*" && ts.isNamespaceImport(binding.node.parent);
    // `require("./cache")` returns `module.exports`, the default export.
    const isWhole =
      binding.imported === exportName ||
      (exportName === "default" && binding.imported === "*" && !isNamespace);
    if (!isWhole && binding.imported !== "*") continue;

    const declaration = other.scopes.resolve(binding.node);
    if (!declaration) continue;
    for (const reference of other.listReferences(declaration)) {
      if (isWhole) {
        sites.push({ file: other, node: reference });
        continue;
      }
      const parent = reference.parent;
      if (
        ts.isPropertyAccessExpression(parent) &&
        parent.expression === reference &&
        parent.name.text === exportName
      ) {
        sites.push({ file: other, node: parent });
      }
    }
  }
  return sites;
}

/** Returns the method call made on a use site (`site.set(...)`), if it is one. */
export function getMethodCall(site: UseSite): MethodCall | undefined {
  const receiver = climbWrappers(site.node);
  const access = receiver.parent;
  if (
    !access ||
    !ts.isPropertyAccessExpression(access) ||
    access.expression !== receiver
  ) {
    return undefined;
  }
  const call = access.parent;
  if (!ts.isCallExpression(call) || call.expression !== access)
    return undefined;
  return { file: site.file, method: access.name.text, call };
}

/** Lists the method calls made on the use sites. */
export function listMethodCalls(sites: readonly UseSite[]): MethodCall[] {
  const calls: MethodCall[] = [];
  for (const site of sites) {
    const call = getMethodCall(site);
    if (call) calls.push(call);
  }
  return calls;
}
