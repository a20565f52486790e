import { ts } from "ts-morph";

import { unwrapExpression } from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";

/**
 * Returns true when the call is `<server>.register(plugin, ...)` with a
 * plugin imported from one of the modules, as Fastify and hapi register
 * their plugins.
 */
export function isPluginRegistration(
  file: FileFacts,
  call: ts.CallExpression,
  modules: readonly string[],
): boolean {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "register")
    return false;
  const plugin = call.arguments[0];
  return plugin !== undefined && file.isSymbol(plugin, modules);
}
