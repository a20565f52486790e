import type { ContentTokens, FileFacts } from "./file-facts.js";
import { resolveRelativePath, type QueryLog } from "./project-facts.js";
import type { ExternalCall } from "./request-scope.js";

/**
 * Calls from request code into other files, gathered from the summaries of
 * files already analysed and handed to each file before it is analysed.
 */
export class IncomingCalls {
  private readonly paths: Set<string>;
  private readonly calls = new Map<string, ExternalCall[]>();

  constructor(paths: Iterable<string>) {
    this.paths = new Set(paths);
  }

  /** Records the calls that the summarised file's request code makes into other files. */
  add(summary: LinkSummary): void {
    for (const call of summary.requestCalls) {
      const target = resolveRelativePath(summary.path, call.module, (path) =>
        this.paths.has(path),
      );
      if (!target || target === summary.path) continue;
      const list = this.calls.get(target) ?? [];
      list.push(call);
      this.calls.set(target, list);
    }
  }

  /** Marks the file's exports that request code of other files calls as request code. */
  applyTo(file: FileFacts): void {
    for (const call of this.calls.get(file.path) ?? [])
      file.localRequestScope.addExternalRoot(
        call.exportName,
        call.depth,
        call.from,
      );
  }
}

/**
 * The part of a file the engine keeps after analysing it alone and
 * releasing its tree: its links to other files and the cross-file queries
 * its detectors made, enough to find the files that others can change.
 */
export interface LinkSummary {
  path: string;
  /** Position in the first pass. Files analysed later could not pass their calls to this one. */
  order: number;
  /** Relative specifiers the file imports or requires. */
  relativeModules: string[];
  exportNames: ReadonlySet<string>;
  /** Content tokens of the file, such as `call:decorate`. */
  tokens: Pick<ContentTokens, "has">;
  /** Exports of relative modules that the file's request code calls. */
  requestCalls: ExternalCall[];
  /** Exports of relative modules that any code of the file calls. */
  calls: { module: string; exportName: string }[];
  /** Exports of relative modules that the file imports (`*` for the whole module). */
  importedExports: { module: string; imported: string }[];
  /** Exports of relative modules that the file writes. */
  writes: { module: string; exportName: string }[];
  log: QueryLog;
}

/** Builds the summary of a file with no links, for a file whose links could not be read. */
export function emptyLinkSummary(
  path: string,
  log: QueryLog,
  order: number,
): LinkSummary {
  return {
    path,
    order,
    relativeModules: [],
    exportNames: new Set(),
    tokens: new Set<string>(),
    requestCalls: [],
    calls: [],
    importedExports: [],
    writes: [],
    log,
  };
}

/** Summarises a file's links after its detectors ran, with the queries they made. */
export function summarizeLinks(
  file: FileFacts,
  log: QueryLog,
  order: number,
): LinkSummary {
  const relativeModules = [...file.importedModules].filter((module) =>
    module.startsWith("."),
  );
  return {
    path: file.path,
    order,
    relativeModules,
    exportNames: new Set(file.walk.exports.keys()),
    tokens: file.tokens,
    // Calls into other files go through relative import bindings, as in
    // ProjectFacts.linkRequestCalls.
    requestCalls:
      file.relativeImportNames.size === 0
        ? []
        : file.localRequestScope
            .listExternalCalls()
            .map(({ module, exportName, depth, from }) => ({
              module,
              exportName,
              depth,
              from,
            })),
    calls: file.listRelativeCalls(),
    importedExports: file.imports
      .filter((binding) => binding.module.startsWith("."))
      .map(({ module, imported }) => ({ module, imported })),
    writes: file
      .listImportWrites()
      .map(({ module, exportName }) => ({ module, exportName })),
    log,
  };
}

/**
 * Finds the files whose findings other files of the run can change, each
 * with the files to analyse it with. A file qualifies when a query its
 * detectors made alone returns more in the whole run:
 * - its request scope was read, and request code analysed after it calls
 *   one of its exports, or a file with an incomplete scope calls one;
 * - writes to its exports were listed, and another file writes one;
 * - its importers, or the importers of some of its exports, were listed,
 *   and another file imports them;
 * - the files joined to it by imports were listed, and there are some, or
 *   those with some tokens were, and one of them contains a token;
 * - a project-wide lookup named a token that another file contains.
 *
 * It is analysed with those files and with the late or incomplete callers
 * of all of them, up to two calls away, as the linking within a batch
 * follows two rounds of calls.
 */
export function planRelinks(
  summaries: readonly LinkSummary[],
): Map<string, Set<string>> {
  const byPath = new Map(summaries.map((summary) => [summary.path, summary]));
  const resolve = (from: string, specifier: string): string | undefined => {
    const path = resolveRelativePath(from, specifier, (candidate) =>
      byPath.has(candidate),
    );
    return path === from ? undefined : path;
  };
  /** Resolves a call or write target to the file that exports its name. */
  const resolveExport = (
    from: string,
    target: { module: string; exportName: string },
  ): string | undefined => {
    const path = resolve(from, target.module);
    return path && byPath.get(path)!.exportNames.has(target.exportName)
      ? path
      : undefined;
  };

  const importees = new Map<string, Set<string>>();
  const importers = new Map<string, Set<string>>();
  // Target, then imported name (`*` for the whole module), then importers.
  const importersByName = new Map<string, Map<string, Set<string>>>();
  const requestCallers = new Map<string, Set<string>>();
  const anyCallers = new Map<string, Set<string>>();
  const writers = new Map<string, Set<string>>();
  const queriedTokens = new Set<string>();
  for (const summary of summaries) {
    const { path } = summary;
    const targets = new Set<string>();
    for (const module of summary.relativeModules) {
      const target = resolve(path, module);
      if (!target) continue;
      targets.add(target);
      addTo(importers, target, path);
    }
    importees.set(path, targets);
    for (const { module, imported } of summary.importedExports) {
      const target = resolve(path, module);
      if (!target) continue;
      const byName = importersByName.get(target) ?? new Map();
      addTo(byName, imported, path);
      importersByName.set(target, byName);
    }
    for (const call of summary.requestCalls) {
      const target = resolveExport(path, call);
      if (target) addTo(requestCallers, target, path);
    }
    for (const call of summary.calls) {
      const target = resolveExport(path, call);
      if (target) addTo(anyCallers, target, path);
    }
    for (const write of summary.writes) {
      const target = resolveExport(path, write);
      if (target) addTo(writers, target, path);
    }
    for (const token of summary.log.tokens) queriedTokens.add(token);
    for (const token of summary.log.connectedTokens) queriedTokens.add(token);
  }
  const unstable = findUnstableScopes(summaries, requestCallers, anyCallers);
  // Files whose request code may call into a file after all: callers
  // analysed after it, and any caller whose own scope was incomplete.
  const callers = new Map<string, Set<string>>();
  for (const { path, order } of summaries) {
    for (const caller of requestCallers.get(path) ?? []) {
      if (byPath.get(caller)!.order > order) addTo(callers, path, caller);
    }
    for (const caller of anyCallers.get(path) ?? []) {
      if (unstable.has(caller)) addTo(callers, path, caller);
    }
  }
  const holders = new Map<string, Set<string>>();
  for (const summary of summaries) {
    for (const token of queriedTokens) {
      if (summary.tokens.has(token)) addTo(holders, token, summary.path);
    }
  }

  const plan = new Map<string, Set<string>>();
  for (const { path, log } of summaries) {
    const sources = new Set<string>();
    const add = (paths: Iterable<string> | undefined): void => {
      for (const other of paths ?? []) if (other !== path) sources.add(other);
    };
    if (log.requestScope && unstable.has(path)) add(callers.get(path));
    if (log.externalMutations) add(writers.get(path));
    if (log.importers) add(importers.get(path));
    if (log.importedNames.size > 0) {
      const byName = importersByName.get(path);
      for (const name of ["*", ...log.importedNames]) add(byName?.get(name));
    }
    if (log.connected || log.connectedTokens.size > 0) {
      const component = listComponent(path, importers, importees);
      if (log.connected) add(component);
      for (const token of log.connectedTokens) {
        add([...component].filter((member) => holders.get(token)?.has(member)));
      }
    }
    for (const token of log.tokens) add(holders.get(token));
    if (sources.size === 0) continue;

    const context = new Set([path, ...sources]);
    for (let hop = 0; hop < 2; hop++) {
      for (const member of [...context]) {
        for (const caller of callers.get(member) ?? []) context.add(caller);
      }
    }
    plan.set(path, context);
  }
  return plan;
}

/**
 * Finds the files whose request scope in the first pass may lack roots: a
 * file whose request code calls into them was analysed after them, or a
 * file that calls them at all had an incomplete scope itself.
 */
function findUnstableScopes(
  summaries: readonly LinkSummary[],
  requestCallers: ReadonlyMap<string, ReadonlySet<string>>,
  anyCallers: ReadonlyMap<string, ReadonlySet<string>>,
): Set<string> {
  const order = new Map(summaries.map(({ path, order }) => [path, order]));
  const unstable = new Set<string>();
  for (const { path, order: position } of summaries) {
    for (const caller of requestCallers.get(path) ?? []) {
      if (order.get(caller)! > position) unstable.add(path);
    }
  }
  let changed = unstable.size > 0;
  while (changed) {
    changed = false;
    for (const { path } of summaries) {
      if (unstable.has(path)) continue;
      for (const caller of anyCallers.get(path) ?? []) {
        if (!unstable.has(caller)) continue;
        unstable.add(path);
        changed = true;
        break;
      }
    }
  }
  return unstable;
}

function addTo(
  map: Map<string, Set<string>>,
  key: string,
  value: string,
): void {
  const existing = map.get(key);
  if (existing) existing.add(value);
  else map.set(key, new Set([value]));
}

/** Lists the files joined to `start` by relative imports in either direction. */
function listComponent(
  start: string,
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  importees: ReadonlyMap<string, ReadonlySet<string>>,
): Set<string> {
  const seen = new Set([start]);
  const pending = [start];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const next of [
      ...(importers.get(current) ?? []),
      ...(importees.get(current) ?? []),
    ]) {
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(next);
    }
  }
  return seen;
}
