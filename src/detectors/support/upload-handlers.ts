import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import { unwrapExpression } from "../../engine/ast/nodes.js";
import { listExportNames, listImportedReferences } from "./importers.js";
import {
  recordsLocation,
  treatsFileAsScratch,
  usesObjectStorage,
} from "./uploads.js";

/** Evidence from the handlers that receive an upload about how they keep the file. */
export interface UploadEvidence {
  /** True when they pass the file on to object storage or delete it. */
  scratch: boolean;
  /** True when they save its path in a database or return it to the client. */
  recorded: boolean;
}

interface Site {
  file: FileFacts;
  node: ts.Expression;
}

/**
 * Judges an upload middleware by the handlers that receive its files: the
 * functions registered after it on the same route (`app.post(path,
 * upload.single("f"), handler)`), following the middleware through its
 * variable and through imports, or the Nest method whose decorator
 * creates it. When no route is found, every handler of this file and its
 * importers that reads `req.file` counts, and the file counts as scratch
 * only if all of them treat it so.
 */
export function judgeUploadHandlers(
  file: FileFacts,
  project: ProjectFacts,
  construction: ts.Expression,
): UploadEvidence {
  const decorated = findDecoratedMethod(construction);
  if (decorated) return summarize([decorated], false);

  const handlers: ts.Node[] = [];
  for (const site of listSites(file, project, construction, 2))
    handlers.push(...findRouteHandlers(site));
  if (handlers.length > 0) return summarize(handlers, false);

  const readers: ts.Node[] = [];
  for (const owner of [file, ...listImporters(project, file)]) {
    for (const [fn, depth] of owner.requestScope.listRequestFunctions()) {
      if (depth === 0 && /\b(req|request)\s*\.\s*files?\b/.test(fn.getText()))
        readers.push(fn);
    }
  }
  return summarize(readers, true);
}

function summarize(handlers: readonly ts.Node[], all: boolean): UploadEvidence {
  const isScratch = (handler: ts.Node) =>
    usesObjectStorage(handler) || treatsFileAsScratch(handler);
  return {
    scratch:
      handlers.length > 0 &&
      (all ? handlers.every(isScratch) : handlers.some(isScratch)),
    recorded: handlers.some((handler) => recordsLocation(handler)),
  };
}

/**
 * Lists the expressions that denote the middleware: the construction, the
 * references to the variable holding it (here and in importing files) and,
 * for a storage engine, the sites of the multer instance it is given to.
 */
function listSites(
  file: FileFacts,
  project: ProjectFacts,
  construction: ts.Expression,
  depth: number,
): Site[] {
  const sites: Site[] = [{ file, node: construction }];
  const holder = construction.parent;
  if (!ts.isVariableDeclaration(holder)) {
    // `multer({ storage: multer.diskStorage(...) })` inline.
    const owner = findEnclosingCall(construction);
    if (depth > 0 && owner)
      sites.push(...listSites(file, project, owner, depth - 1));
    return sites;
  }
  const declaration = file.walk.declarations.find(
    (candidate) => candidate.node === holder,
  );
  if (!declaration) return sites;

  const references: Site[] = file
    .listReferences(declaration)
    .map((reference) => ({ file, node: reference }));
  const names = listExportNames(file, holder);
  if (names.length > 0) {
    for (const reference of listImportedReferences(project, file, names))
      references.push({ file: reference.file, node: reference.expression });
  }
  for (const reference of references) {
    sites.push(reference);
    const owner = findEnclosingCall(reference.node);
    if (depth > 0 && owner && reference.file === file)
      sites.push(...listSites(file, project, owner, depth - 1));
  }
  return sites;
}

/** Returns `multer({...})` when the node is an option value inside it, such as `storage`. */
function findEnclosingCall(node: ts.Node): ts.CallExpression | undefined {
  let current: ts.Node = node;
  while (
    ts.isPropertyAssignment(current.parent) ||
    ts.isShorthandPropertyAssignment(current.parent) ||
    ts.isObjectLiteralExpression(current.parent)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  return parent && ts.isCallExpression(parent) && current !== node
    ? parent
    : undefined;
}

/** Finds the handlers registered after the middleware on the same route call. */
function findRouteHandlers(site: Site): ts.Node[] {
  let middleware: ts.Node = site.node;
  // `upload.single("avatar")`, `upload.array("photos", 4)`, `upload.any()`.
  const parent = middleware.parent;
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === middleware &&
    ts.isCallExpression(parent.parent)
  ) {
    middleware = parent.parent;
  }
  const route = middleware.parent;
  if (!route || !ts.isCallExpression(route)) return [];
  const index = route.arguments.indexOf(middleware as ts.Expression);
  if (index < 0) return [];
  const handlers: ts.Node[] = [];
  for (const argument of route.arguments.slice(index + 1)) {
    const handler = site.file.resolveFunction(unwrapExpression(argument));
    if (handler) handlers.push(handler);
  }
  return handlers;
}

/** Returns the Nest method whose decorator contains the node, as for `@UseInterceptors(FileInterceptor(...))`. */
function findDecoratedMethod(node: ts.Node): ts.Node | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isSourceFile(current)) {
    if (ts.isDecorator(current)) {
      const owner = current.parent;
      return ts.isMethodDeclaration(owner) ? owner : undefined;
    }
    current = current.parent;
  }
  return undefined;
}

function listImporters(project: ProjectFacts, target: FileFacts): FileFacts[] {
  return [...new Set(project.listImportsOf(target).map((entry) => entry.file))];
}
