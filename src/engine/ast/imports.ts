import { ts } from "ts-morph";

import { getPropertyName, getStringValue, unwrapExpression } from "./nodes.js";

/**
 * A local name bound to something a module exports. `imported` is
 * `default`, `*` (a namespace or CommonJS module object) or an export name.
 * `factoryCall` marks `const S = require("m")(arg)`, whose value is what the
 * module's function returns (the memorystore and old connect-redis shape).
 */
export interface ImportBinding {
  local: string;
  module: string;
  imported: string;
  factoryCall: boolean;
  node: ts.Node;
}

/** Returns the module name of `require("m")` or `await import("m")`, else undefined. */
export function getRequiredModule(
  expression: ts.Expression,
): string | undefined {
  let current = unwrapExpression(expression);
  if (ts.isAwaitExpression(current))
    current = unwrapExpression(current.expression);
  if (!ts.isCallExpression(current)) return undefined;

  const callee = current.expression;
  const isRequire = ts.isIdentifier(callee) && callee.text === "require";
  const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
  if (!isRequire && !isImport) return undefined;
  return getStringValue(current.arguments[0]);
}

/** Collects the bindings of an `import` declaration. */
export function collectImportDeclaration(
  declaration: ts.ImportDeclaration,
  bindings: ImportBinding[],
): void {
  const module = getStringValue(declaration.moduleSpecifier);
  const clause = declaration.importClause;
  if (!module || !clause) return;

  if (clause.name) {
    bindings.push({
      local: clause.name.text,
      module,
      imported: "default",
      factoryCall: false,
      node: clause.name,
    });
  }
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    bindings.push({
      local: named.name.text,
      module,
      imported: "*",
      factoryCall: false,
      node: named.name,
    });
  } else if (named) {
    for (const element of named.elements) {
      bindings.push({
        local: element.name.text,
        module,
        imported: (element.propertyName ?? element.name).text,
        factoryCall: false,
        node: element.name,
      });
    }
  }
}

/** Collects the bindings of `import x = require("m")`. */
export function collectImportEquals(
  declaration: ts.ImportEqualsDeclaration,
  bindings: ImportBinding[],
): void {
  const reference = declaration.moduleReference;
  if (!ts.isExternalModuleReference(reference)) return;
  const module = getStringValue(reference.expression);
  if (!module) return;
  bindings.push({
    local: declaration.name.text,
    module,
    imported: "*",
    factoryCall: false,
    node: declaration.name,
  });
}

/**
 * Collects CommonJS bindings from a variable declaration: `require("m")`,
 * `require("m").X`, `require("m")(arg)` and destructuring of any of them.
 */
export function collectRequireDeclaration(
  declaration: ts.VariableDeclaration,
  bindings: ImportBinding[],
): void {
  const initializer = declaration.initializer;
  // Only calls, member accesses and awaits can hold a `require`; most
  // declarations are skipped here without unwrapping anything.
  if (
    !initializer ||
    (initializer.kind !== ts.SyntaxKind.CallExpression &&
      initializer.kind !== ts.SyntaxKind.PropertyAccessExpression &&
      initializer.kind !== ts.SyntaxKind.AwaitExpression &&
      initializer.kind !== ts.SyntaxKind.AsExpression &&
      initializer.kind !== ts.SyntaxKind.ParenthesizedExpression)
  ) {
    return;
  }

  const source = describeRequire(unwrapExpression(initializer));
  if (!source) return;

  if (ts.isIdentifier(declaration.name)) {
    bindings.push({
      local: declaration.name.text,
      ...source,
      node: declaration.name,
    });
    return;
  }
  if (!ts.isObjectBindingPattern(declaration.name)) return;
  for (const element of declaration.name.elements) {
    if (!ts.isIdentifier(element.name)) continue;
    const imported = element.propertyName
      ? getPropertyName(element.propertyName)
      : element.name.text;
    if (!imported) continue;
    bindings.push({
      local: element.name.text,
      module: source.module,
      imported:
        source.imported === "*" ? imported : `${source.imported}.${imported}`,
      factoryCall: source.factoryCall,
      node: element.name,
    });
  }
}

function describeRequire(
  expression: ts.Expression,
): Omit<ImportBinding, "local" | "node"> | undefined {
  const direct = getRequiredModule(expression);
  if (direct) return { module: direct, imported: "*", factoryCall: false };

  if (ts.isPropertyAccessExpression(expression)) {
    const inner = describeRequire(unwrapExpression(expression.expression));
    if (!inner) return undefined;
    const imported =
      inner.imported === "*"
        ? expression.name.text
        : `${inner.imported}.${expression.name.text}`;
    return { ...inner, imported };
  }
  if (ts.isCallExpression(expression)) {
    const module = getRequiredModule(unwrapExpression(expression.expression));
    if (module) return { module, imported: "*", factoryCall: true };
  }
  return undefined;
}
