import { ts } from "ts-morph";

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return FUNCTION_KINDS.has(node.kind);
}

/** Returns the nearest function that contains the node, or undefined at module level. */
export function findEnclosingFunction(node: ts.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** Strips parentheses, type assertions and non-null assertions. */
export function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current) ||
      ts.isSatisfiesExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * Returns the identifier an access chain starts from: `a` for `a.b[c].d`,
 * `this` for `this.x.y`. Calls in the chain end the search (`f().x` has no
 * root), because their result is not a named container.
 */
export function findAccessRoot(
  expression: ts.Expression,
): ts.Identifier | ts.ThisExpression | undefined {
  let current = unwrapExpression(expression);
  for (;;) {
    if (
      ts.isIdentifier(current) ||
      current.kind === ts.SyntaxKind.ThisKeyword
    ) {
      return current as ts.Identifier | ts.ThisExpression;
    }
    if (
      ts.isPropertyAccessExpression(current) ||
      ts.isElementAccessExpression(current)
    ) {
      current = unwrapExpression(current.expression);
    } else {
      return undefined;
    }
  }
}

/** Returns the property names of an access chain: `["b", "c"]` for `a.b.c`, `?` for computed parts. */
export function getAccessPath(expression: ts.Expression): string[] {
  const names: string[] = [];
  let current = unwrapExpression(expression);
  while (
    ts.isPropertyAccessExpression(current) ||
    ts.isElementAccessExpression(current)
  ) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
    } else {
      const argument = current.argumentExpression;
      names.unshift(ts.isStringLiteralLike(argument) ? argument.text : "?");
    }
    current = unwrapExpression(current.expression);
  }
  return names;
}

/** Returns the dotted text of an identifier or property chain (`app.locals.user`), else undefined. */
export function getDottedName(expression: ts.Expression): string | undefined {
  const root = findAccessRoot(expression);
  if (!root) return undefined;
  const head = ts.isIdentifier(root) ? root.text : "this";
  return [head, ...getAccessPath(expression)].join(".");
}

/** Returns the name of the called function or method: `set` for `a.b.set(x)`, `f` for `f(x)`. */
export function getCalleeName(
  call: ts.CallExpression | ts.NewExpression,
): string | undefined {
  const callee = unwrapExpression(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Returns the receiver of a method call (`a.b` for `a.b.set(x)`), or undefined for a plain call. */
export function getCallReceiver(
  call: ts.CallExpression,
): ts.Expression | undefined {
  const callee = unwrapExpression(call.expression);
  if (
    ts.isPropertyAccessExpression(callee) ||
    ts.isElementAccessExpression(callee)
  ) {
    return callee.expression;
  }
  return undefined;
}

export function getPropertyName(
  name: ts.PropertyName | ts.BindingName,
): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name))
    return name.text;
  return undefined;
}

/** Returns the initializer of a property in an object literal, following shorthand properties. */
export function getObjectProperty(
  object: ts.ObjectLiteralExpression,
  name: string,
): ts.ObjectLiteralElementLike | undefined {
  for (const property of object.properties) {
    if (
      (ts.isPropertyAssignment(property) ||
        ts.isShorthandPropertyAssignment(property) ||
        ts.isMethodDeclaration(property)) &&
      getPropertyName(property.name) === name
    ) {
      return property;
    }
  }
  return undefined;
}

/** Returns the value expression of an object property, or undefined when absent or a method. */
export function getObjectPropertyValue(
  object: ts.ObjectLiteralExpression,
  name: string,
): ts.Expression | undefined {
  const property = getObjectProperty(object, name);
  if (!property) return undefined;
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

/** True when the object literal has a spread, so absent keys may still be set. */
export function hasSpread(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((property) => ts.isSpreadAssignment(property));
}

export function getNodeLine(node: ts.Node, sourceFile: ts.SourceFile): number {
  return (
    sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1
  );
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = ts.canHaveModifiers(node)
    ? ts.getModifiers(node)
    : undefined;
  return modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

/** Returns the names of the decorators on a node: `Injectable` for `@Injectable()`. */
export function getDecoratorNames(node: ts.Node): string[] {
  const decorators = ts.canHaveDecorators(node)
    ? ts.getDecorators(node)
    : undefined;
  if (!decorators) return [];
  const names: string[] = [];
  for (const decorator of decorators) {
    let expression = decorator.expression;
    if (ts.isCallExpression(expression)) expression = expression.expression;
    if (ts.isIdentifier(expression)) names.push(expression.text);
    else if (ts.isPropertyAccessExpression(expression))
      names.push(expression.name.text);
  }
  return names;
}

/** Returns the first argument of a decorator call, such as the options of `@Injectable({...})`. */
export function getDecoratorArgument(
  node: ts.Node,
  name: string,
): ts.Expression | undefined {
  const decorators = ts.canHaveDecorators(node)
    ? ts.getDecorators(node)
    : undefined;
  for (const decorator of decorators ?? []) {
    const expression = decorator.expression;
    if (!ts.isCallExpression(expression)) continue;
    const callee = expression.expression;
    const calleeName = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : undefined;
    if (calleeName === name) return expression.arguments[0];
  }
  return undefined;
}

/** Returns the string value of a string or no-substitution template literal. */
export function getStringValue(node: ts.Node | undefined): string | undefined {
  if (node && ts.isStringLiteralLike(node)) return node.text;
  return undefined;
}
