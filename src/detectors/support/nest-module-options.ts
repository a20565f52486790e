import { ts } from "ts-morph";

import {
  getObjectProperty,
  isFunctionNode,
  unwrapExpression,
  type FunctionNode,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import { resolveOptionsObject } from "./options.js";

/**
 * Lists the values a Nest `forRootAsync`/`registerAsync` options object's
 * `useFactory` returns: the expression body of an arrow function, or each
 * `return` of a block body. Empty when there is no inline `useFactory`
 * (`useClass` and `useExisting` point at code this helper does not follow).
 */
export function listFactoryResults(
  file: FileFacts,
  asyncOptions: ts.Expression | undefined,
): (ts.Expression | undefined)[] {
  const options = resolveOptionsObject(file, asyncOptions);
  if (!options) return [];
  const property = getObjectProperty(options.object, "useFactory");
  if (!property) return [];

  let factory: FunctionNode | undefined;
  if (ts.isMethodDeclaration(property)) factory = property;
  else if (ts.isPropertyAssignment(property))
    factory = file.resolveFunction(property.initializer);
  if (!factory?.body) return [];
  if (!ts.isBlock(factory.body)) return [factory.body];

  const results: (ts.Expression | undefined)[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      results.push(node.expression && unwrapExpression(node.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(factory.body, visit);
  return results;
}
