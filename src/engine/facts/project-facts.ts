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

/**
 * Record of the cross-file queries made while a file was analysed alone.
 * The engine checks them against the other files' summaries to find the
 * files it must analyse again with their neighbours.
 */
export interface QueryLog {
  /** The file's request scope was read, so calls from other files' handlers count. */
  requestScope: boolean;
  /** Writes from other files to the file's exported values were listed. */
  externalMutations: boolean;
  /** Import bindings in other files that name the file were listed. */
  importers: boolean;
  /** Exports whose import bindings in other files were listed. */
  importedNames: Set<string>;
  /** All the files joined to it by relative imports were listed. */
  connected: boolean;
  /** Tokens of the files joined to it by relative imports that were listed. */
  connectedTokens: Set<string>;
  /** Content tokens of project-wide lookups, such as `call:decorate`. */
  tokens: Set<string>;
}

/** Creates an empty query log. */
export function createQueryLog(): QueryLog {
  return {
    requestScope: false,
    externalMutations: false,
    importers: false,
    importedNames: new Set(),
    connected: false,
    connectedTokens: new Set(),
    tokens: new Set(),
  };
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

  /** @param log Receives the cross-file queries, when one file is analysed alone. */
  constructor(
    files: readonly FileFacts[],
    private readonly log?: QueryLog,
  ) {
    for (const file of files) {
      this.files.set(file.path, file);
      file.project = this;
    }
  }

  /**
   * Lists the files that contain any of the content tokens, such as
   * `call:decorate` for files that call a `decorate` function. Lookups
   * name their tokens so that the engine can tell which files they need.
   */
  listFilesWith(tokens: readonly string[]): FileFacts[] {
    for (const token of tokens) this.log?.tokens.add(token);
    const found: FileFacts[] = [];
    for (const file of this.files.values()) {
      const contained = file.tokens;
      if (tokens.some((token) => contained.has(token))) found.push(file);
    }
    return found;
  }

  /**
   * Lists the files joined to `file` by relative imports in either
   * direction, transitively, `file` included: the part of the run that is
   * one program. Set-up such as a Socket.IO adapter counts only there, so
   * one service's Redis adapter does not clear another service's server.
   * With `tokens`, lists only the files that contain one of them.
   */
  listConnectedFiles(file: FileFacts, tokens?: readonly string[]): FileFacts[] {
    if (!this.components) this.components = this.buildComponents();
    const component = this.components.get(file) ?? [file];
    if (!tokens) {
      if (this.log) this.log.connected = true;
      return component;
    }
    for (const token of tokens) this.log?.connectedTokens.add(token);
    return component.filter((member) =>
      tokens.some((token) => member.tokens.has(token)),
    );
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
   * from an index built once for the run. With `exportNames`, lists only
   * the bindings of those exports and of the whole module (`import * as`,
   * `require("./m")`).
   */
  listImportsOf(
    target: FileFacts,
    exportNames?: readonly string[],
  ): ImportingBinding[] {
    const bindings = this.indexImports().get(target) ?? [];
    if (!exportNames) {
      if (this.log) this.log.importers = true;
      return bindings;
    }
    for (const name of exportNames) this.log?.importedNames.add(name);
    return bindings.filter(
      ({ binding }) =>
        binding.imported === "*" || exportNames.includes(binding.imported),
    );
  }

  /** Maps each analysed file to the import bindings of other files that name it. */
  private indexImports(): Map<FileFacts, ImportingBinding[]> {
    if (this.importIndex) return this.importIndex;
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
    return this.importIndex;
  }

  private resolveModuleUncached(
    fromPath: string,
    specifier: string,
  ): FileFacts | undefined {
    const path = resolveRelativePath(fromPath, specifier, (candidate) =>
      this.files.has(candidate),
    );
    return path === undefined ? undefined : this.files.get(path);
  }

  /** Lists writes from other files to a value this file exports. */
  listExternalMutations(declaration: Declaration): ExternalMutation[] {
    if (this.log) this.log.externalMutations = true;
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
    if (this.log) this.log.requestScope = true;
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
              call.from,
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
      for (const write of file.listImportWrites()) {
        const target = this.resolveModule(file.path, write.module);
        const declaration = target
          ? findExportedDeclaration(target, write.exportName)
          : undefined;
        if (!declaration) continue;
        const list = this.externalMutations.get(declaration) ?? [];
        list.push({ file, mutation: write.mutation });
        this.externalMutations.set(declaration, list);
      }
    }
  }
}

/**
 * Resolves a relative import specifier from a file to one of the paths
 * `exists` accepts, trying the extensions and index files Node.js and
 * TypeScript try.
 */
export function resolveRelativePath(
  fromPath: string,
  specifier: string,
  exists: (path: string) => boolean,
): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  // TypeScript sources import compiled names: "./store.js" means store.ts.
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, "");
  for (const candidate of [base, stem]) {
    for (const suffix of RESOLVE_SUFFIXES) {
      if (exists(candidate + suffix)) return candidate + suffix;
    }
  }
  return undefined;
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
