import { posix } from "node:path";

import { ts } from "ts-morph";

import type { ImportBinding } from "../ast/imports.js";
import type { Declaration } from "../ast/scope.js";
import type { FileFacts } from "./file-facts.js";
import type { Mutation } from "./walk-file.js";

const RESOLVE_SUFFIXES = [
  "",
  ".ts",
  ".tsx",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
  ".mts",
  ".cts",
  "/index.ts",
  "/index.js",
  "/index.tsx",
  "/index.mjs",
];

/** An import binding and the file it sits in. */
export interface ImportingBinding {
  file: FileFacts;
  binding: ImportBinding;
}

/** A write to a file's exported value made by another file of the same analysis. */
export interface ExternalMutation {
  file: FileFacts;
  mutation: Mutation;
}

/**
 * The files analysed together, linked across relative imports: functions
 * that request code in one file calls in another, and exported values that
 * other files write.
 */
export class ProjectFacts {
  private readonly files = new Map<string, FileFacts>();
  private readonly externalMutations = new Map<
    Declaration,
    ExternalMutation[]
  >();
  private components?: Map<FileFacts, FileFacts[]>;
  private readonly resolved = new Map<string, FileFacts | null>();
  private importIndex?: Map<FileFacts, ImportingBinding[]>;
  private requestCallsLinked = false;
  private mutationsLinked = false;

  constructor(files: readonly FileFacts[]) {
    for (const file of files) {
      this.files.set(file.path, file);
      file.project = this;
    }
  }

  listFiles(): FileFacts[] {
    return [...this.files.values()];
  }

  /**
   * Lists the files joined to `file` by relative imports in either
   * direction, transitively, `file` included: the part of the run that is
   * one program. Set-up such as a Socket.IO adapter counts only there, so
   * one service's Redis adapter does not clear another service's server.
   */
  listConnectedFiles(file: FileFacts): FileFacts[] {
    if (!this.components) this.components = this.buildComponents();
    return this.components.get(file) ?? [file];
  }

  private buildComponents(): Map<FileFacts, FileFacts[]> {
    const neighbours = new Map<FileFacts, FileFacts[]>();
    const link = (a: FileFacts, b: FileFacts): void => {
      neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
      neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
    };
    for (const file of this.files.values()) {
      for (const module of file.importedModules) {
        const target = this.resolveModule(file.path, module);
        if (target && target !== file) link(file, target);
      }
    }

    const components = new Map<FileFacts, FileFacts[]>();
    for (const start of this.files.values()) {
      if (components.has(start)) continue;
      const component: FileFacts[] = [];
      const pending = [start];
      components.set(start, component);
      while (pending.length > 0) {
        const current = pending.pop()!;
        component.push(current);
        for (const next of neighbours.get(current) ?? []) {
          if (components.has(next)) continue;
          components.set(next, component);
          pending.push(next);
        }
      }
    }
    return components;
  }

  /** Resolves a relative import specifier from a file to another analysed file. */
  resolveModule(fromPath: string, specifier: string): FileFacts | undefined {
    if (!specifier.startsWith(".")) return undefined;
    const key = `${posix.dirname(fromPath)}\0${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key) ?? undefined;
    const found = this.resolveModuleUncached(fromPath, specifier);
    this.resolved.set(key, found ?? null);
    return found;
  }

  /**
   * Lists the import bindings in other analysed files that name `target`,
   * from an index built once for the run.
   */
  listImportsOf(target: FileFacts): ImportingBinding[] {
    if (!this.importIndex) {
      this.importIndex = new Map();
      for (const file of this.files.values()) {
        for (const binding of file.imports) {
          if (!binding.module.startsWith(".")) continue;
          const resolved = this.resolveModule(file.path, binding.module);
          if (!resolved || resolved === file) continue;
          const list = this.importIndex.get(resolved) ?? [];
          list.push({ file, binding });
          this.importIndex.set(resolved, list);
        }
      }
    }
    return this.importIndex.get(target) ?? [];
  }

  private resolveModuleUncached(
    fromPath: string,
    specifier: string,
  ): FileFacts | undefined {
    const base = posix.normalize(
      posix.join(posix.dirname(fromPath), specifier),
    );
    // TypeScript sources import compiled names: "./store.js" means store.ts.
    const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, "");
    for (const candidate of [base, stem]) {
      for (const suffix of RESOLVE_SUFFIXES) {
        const found = this.files.get(candidate + suffix);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Lists writes from other files to a value this file exports. */
  listExternalMutations(declaration: Declaration): ExternalMutation[] {
    if (!this.mutationsLinked) {
      this.mutationsLinked = true;
      this.linkExternalMutations();
    }
    return this.externalMutations.get(declaration) ?? [];
  }

  /**
   * Marks exported functions as request code where another file calls
   * them from a handler. Runs once, on the first request-scope query.
   */
  linkRequestCalls(): void {
    if (this.requestCallsLinked) return;
    this.requestCallsLinked = true;
    // Two rounds carry a call through one intermediate module, which matches
    // the two-hop limit inside a file.
    for (let round = 0; round < 2; round++) {
      let changed = false;
      for (const file of this.files.values()) {
        // Calls to other files go through relative imports, so a file
        // without any needs no request-scope analysis here.
        if (file.relativeImportNames.size === 0) continue;
        for (const call of file.localRequestScope.listExternalCalls()) {
          const target = this.resolveModule(file.path, call.module);
          if (
            target &&
            target.localRequestScope.addExternalRoot(
              call.exportName,
              call.depth,
            )
          ) {
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }

  private linkExternalMutations(): void {
    for (const file of this.files.values()) {
      const names = file.relativeImportNames;
      if (names.size === 0) continue;
      for (const mutation of file.walk.mutations) {
        if (!ts.isIdentifier(mutation.root) || !names.has(mutation.root.text))
          continue;
        const binding = file.getImport(mutation.root);
        if (!binding || !binding.module.startsWith(".")) continue;
        const target = this.resolveModule(file.path, binding.module);
        if (!target) continue;

        const exportName =
          binding.imported === "*" ? mutation.path[0] : binding.imported;
        const declaration = exportName
          ? findExportedDeclaration(target, exportName)
          : undefined;
        if (!declaration) continue;
        const list = this.externalMutations.get(declaration) ?? [];
        list.push({ file, mutation });
        this.externalMutations.set(declaration, list);
      }
    }
  }
}

function findExportedDeclaration(
  file: FileFacts,
  exportName: string,
): Declaration | undefined {
  const exported = file.walk.exports.get(exportName);
  if (!exported) return undefined;
  if (ts.isVariableDeclaration(exported)) {
    return file.walk.declarations.find(
      (declaration) => declaration.node === exported,
    );
  }
  if (ts.isIdentifier(exported)) return file.scopes.resolve(exported);
  return undefined;
}
