import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";

/** An expression in another file that denotes one of this file's exports. */
export interface ImportedReference {
  file: FileFacts;
  /** `cartService` for a named or default import, `store.cartService` through a namespace. */
  expression: ts.Expression;
}

/**
 * Lists the places in other analysed files that use an export of `target`:
 * named and default imports, `require` bindings, and `ns.name` through a
 * namespace import or a whole-module `require`. A whole-module binding also
 * denotes the default export when it is in `exportNames` (CommonJS
 * `module.exports = value`).
 */
export function listImportedReferences(
  project: ProjectFacts,
  target: FileFacts,
  exportNames: readonly string[],
): ImportedReference[] {
  const references: ImportedReference[] = [];
  for (const { file, binding } of project.listImportsOf(target, exportNames)) {
    if (binding.factoryCall) continue;
    const declaration = file.scopes.lookup(binding.local, binding.node);
    if (!declaration) continue;

    const whole = binding.imported === "*";
    const direct = whole ? "default" : binding.imported;
    for (const identifier of file.listReferences(declaration)) {
      const parent = identifier.parent;
      const member =
        whole &&
        ts.isPropertyAccessExpression(parent) &&
        parent.expression === identifier &&
        parent.name.text !== "default" &&
        exportNames.includes(parent.name.text);
      if (member) references.push({ file, expression: parent });
      else if (exportNames.includes(direct))
        references.push({ file, expression: identifier });
    }
  }
  return references;
}

/** Lists the names under which a file exports a node (`default` included). */
export function listExportNames(file: FileFacts, node: ts.Node): string[] {
  const names: string[] = [];
  for (const [name, exported] of file.walk.exports) {
    if (exported === node) names.push(name);
    else if (ts.isIdentifier(exported)) {
      const declaration = file.scopes.resolve(exported);
      if (declaration?.node === node) names.push(name);
    }
  }
  return names;
}
