import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import {
  getObjectProperty,
  getObjectPropertyValue,
  hasSpread,
  unwrapExpression,
} from "../../engine/ast/nodes.js";

/** An options object passed to a library, found literally or through a variable. */
export interface OptionsObject {
  object: ts.ObjectLiteralExpression;
  /** Later writes to a property of the variable (`opts.store = x`), by property name. */
  assignments: Map<string, { value: ts.Expression; node: ts.Node }[]>;
}

/**
 * Finds the object literal behind an options argument: the literal itself,
 * or the initializer of the variable it names, with the property writes
 * made to that variable afterwards (`sess.store = new RedisStore()`).
 */
export function resolveOptionsObject(
  file: FileFacts,
  argument: ts.Expression | undefined,
  depth = 3,
): OptionsObject | undefined {
  if (!argument || depth < 0) return undefined;
  const value = unwrapExpression(argument);
  if (ts.isObjectLiteralExpression(value))
    return { object: value, assignments: new Map() };
  if (!ts.isIdentifier(value)) return undefined;

  const declaration = file.scopes.resolve(value);
  if (!declaration?.initializer) return undefined;
  const resolved = resolveOptionsObject(
    file,
    declaration.initializer,
    depth - 1,
  );
  if (!resolved) return undefined;

  for (const mutation of file.listMutations(declaration)) {
    if (mutation.path.length !== 0 || !mutation.key || !mutation.value)
      continue;
    const key = unwrapExpression(mutation.key);
    const name = ts.isIdentifier(key)
      ? key.text
      : ts.isStringLiteralLike(key)
        ? key.text
        : undefined;
    if (!name) continue;
    const list = resolved.assignments.get(name) ?? [];
    list.push({ value: mutation.value, node: mutation.node });
    resolved.assignments.set(name, list);
  }
  return resolved;
}

/** The state of one option: set to a value, absent, or unknowable because of a spread. */
export type OptionValue =
  | { kind: "set"; value: ts.Expression; node: ts.Node }
  | { kind: "absent" }
  | { kind: "unknown" };

/** Looks up an option, following nested names such as `["session", "store"]`. */
export function getOption(
  file: FileFacts,
  options: OptionsObject | undefined,
  path: readonly string[],
): OptionValue {
  if (!options) return { kind: "unknown" };
  const [name, ...rest] = path;
  if (name === undefined) return { kind: "unknown" };

  const assigned = options.assignments.get(name);
  const property = getObjectProperty(options.object, name);
  if (rest.length === 0) {
    if (assigned && assigned.length > 0) {
      const last = assigned[assigned.length - 1]!;
      return { kind: "set", value: last.value, node: last.node };
    }
    const value = getObjectPropertyValue(options.object, name);
    if (value && property) return { kind: "set", value, node: property };
    if (property) return { kind: "unknown" };
    return hasSpread(options.object) ? { kind: "unknown" } : { kind: "absent" };
  }

  const nestedValue =
    assigned?.[assigned.length - 1]?.value ??
    getObjectPropertyValue(options.object, name);
  if (!nestedValue) {
    if (property) return { kind: "unknown" };
    return hasSpread(options.object) ? { kind: "unknown" } : { kind: "absent" };
  }
  return getOption(file, resolveOptionsObject(file, nestedValue), rest);
}

/** True when an option's value is `undefined`, `null` or `false`, literally. */
export function isEmptyValue(expression: ts.Expression): boolean {
  const value = unwrapExpression(expression);
  return (
    value.kind === ts.SyntaxKind.NullKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(value) && value.text === "undefined") ||
    ts.isVoidExpression(value)
  );
}
