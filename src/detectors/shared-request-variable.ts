import { ts } from "ts-morph";

import type { Declaration } from "../engine/ast/scope.js";
import { findEnclosingFunction } from "../engine/ast/nodes.js";
import type { FileFacts } from "../engine/facts/file-facts.js";
import type { Detector, DetectorContext } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import {
  findSharedVariable,
  type SharedVariable,
} from "./support/state-shared-variable.js";
import { describeWriteSite, getFunctionName } from "./support/state-site.js";

const WHY =
  "Node.js serves many requests at once in one process, and every `await` lets another request run: between one request's assignment and its later read, a concurrent request overwrites the variable, so the first request continues with the second user's identity or data. This leaks data between users even on a single replica.";

const FIX =
  "Keep per-request values on the request (`req.user`, `res.locals.user`, Koa's `ctx.state.user`) or in an AsyncLocalStorage store opened per request, and pass them to the functions that need them; read identity from the verified token on each request.";

const EXAMPLE = `import { AsyncLocalStorage } from "node:async_hooks";

const requestContext = new AsyncLocalStorage();

app.use((req, res, next) => {
  requestContext.run({ user: req.user }, next);
});

export function getCurrentUser() {
  return requestContext.getStore()?.user;
}`;

export const sharedRequestVariable: Detector = {
  meta: {
    id: "shared-request-variable",
    title:
      "Disallow module-level variables that hold the current request's user or data",
    description:
      "A module-level variable assigned from request data is shared by every request in the process, so concurrent requests overwrite each other's value and one user can act as, or see the data of, another.",
    defaultSeverity: "critical",
    fix: "Pass per-request values through the request object, res.locals, ctx.state or AsyncLocalStorage instead of a module variable.",
    docsUrl: getDocsUrl("shared-request-variable"),
  },
  detect(context) {
    const { file } = context;
    if (!mayHaveSharedVariable(file)) return;
    for (const declaration of file.walk.declarations) {
      if (
        declaration.kind !== "let" &&
        declaration.kind !== "var" &&
        declaration.kind !== "const"
      )
        continue;
      if (!ts.isVariableDeclaration(declaration.node)) continue;
      for (const shared of findSharedVariable(file, declaration))
        report(context, declaration, shared);
    }
  },
};

/** Cheap pre-check: some assignment or `.set(...)` call exists whose target is a plain name or a property of one. */
function mayHaveSharedVariable(file: FileFacts): boolean {
  return file.walk.mutations.some(
    (mutation) =>
      mutation.path.length === 0 &&
      (mutation.kind === "reassign" ||
        mutation.kind === "compound" ||
        mutation.kind === "assign" ||
        mutation.method === "set"),
  );
}

function report(
  context: DetectorContext,
  declaration: Declaration,
  shared: SharedVariable,
): void {
  const { file } = context;
  const [assignment] = shared.assignments;
  if (!assignment) return;
  const site = describeWriteSite(file, assignment.node);
  const source = describeSource(
    file,
    assignment.origin.principalNode ?? assignment.value,
  );
  const reader = describeReader(file, shared.reads, assignment.node);
  const exposes = assignment.origin.principal
    ? "one request can run with another user's identity"
    : "one request can read another request's data";

  const subject = shared.property
    ? `\`${declaration.name}.${shared.property}\` is a property of ${describeHolder(declaration, "object")}`
    : `\`${declaration.name}\` is ${describeHolder(declaration, `\`${declaration.kind}\``)}`;

  context.report({
    node: declaration.node,
    message: `${subject}: ${site.label} sets it from ${source} and ${reader} reads it, so concurrent requests overwrite each other's value and ${exposes}.`,
    why: WHY,
    fix: FIX,
    example: EXAMPLE,
    // Request data with no tie to the user still leaks between requests, but not an identity.
    severity: shared.assignments.some((entry) => entry.origin.principal)
      ? "critical"
      : "high",
    relatedNodes: shared.assignments.map((entry) => entry.node),
  });
}

/** Describes the variable's lifetime: "a module-level `let`", "an object declared once in `createApp` and shared by its handlers". */
function describeHolder(declaration: Declaration, what: string): string {
  const owner = findEnclosingFunction(declaration.node);
  if (!owner) return `a module-level ${what}`;
  const article = what === "object" ? "an" : "a";
  const name = getFunctionName(owner);
  return `${article} ${what} declared once in ${name ? `\`${name}\`` : "a set-up function"} and shared by its handlers`;
}

function describeSource(file: FileFacts, node: ts.Node): string {
  const text = node
    .getText(file.sourceFile)
    .replace(/\s+/g, " ")
    .replace(/`/g, "'");
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

function describeReader(
  file: FileFacts,
  reads: readonly ts.Node[],
  assignment: ts.Node,
): string {
  const [first] = reads;
  if (!first) return "other code";
  if (ts.isVariableDeclaration(first)) return "every module importing it";
  if (findEnclosingFunction(first) === findEnclosingFunction(assignment))
    return "the same function, after an `await`,";
  const site = describeWriteSite(file, first);
  return site.functionName ? `\`${site.functionName}\`` : site.label;
}
