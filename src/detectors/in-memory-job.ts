import { ts } from "ts-morph";

import type { Declaration } from "../engine/ast/scope.js";
import type { FileFacts } from "../engine/facts/file-facts.js";
import type { Mutation } from "../engine/facts/walk-file.js";
import {
  getCalleeName,
  getCallReceiver,
  isFunctionNode,
  type FunctionNode,
} from "../engine/ast/nodes.js";
import type { Detector, DetectorContext, Severity } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import { classifyWrite, listWriteKeys } from "./support/class-fields.js";
import {
  listExportNames,
  listImportedReferences,
} from "./support/importers.js";
import {
  matchQueueConstruction,
  listQueuePackages,
} from "./support/job-queues.js";
import {
  findCapturedRequestData,
  touchesResponse,
} from "./support/request-captures.js";
import { isCollectionLiteral } from "./support/stores.js";
import {
  evaluateDelay,
  formatDelay,
  isInside,
  isTimerCall,
  listTimerCallbacks,
} from "./support/timers.js";
import { isUserValue, tracesToRequest } from "./support/user-values.js";

/** Names of module-level job containers. Other containers are left to module-state-store. */
const JOB_CONTAINER_NAME = /(queue|jobs?|tasks?|backlog|outbox)$/i;

/** Methods that take jobs out of a container. */
const CONSUMING_METHODS = new Set([
  "shift",
  "pop",
  "splice",
  "clear",
  "delete",
]);

/** Timers shorter than this only defer work within the request. NOTE: the limit is an estimate, not a measured value. */
const SHORT_DELAY_MS = 10_000;

/** Schedulers whose jobs live in this process: node-schedule, node-cron and cron. */
const SCHEDULERS: readonly {
  module: string;
  path: readonly string[];
  construct: "new" | "call";
  label: string;
}[] = [
  {
    module: "node-schedule",
    path: ["scheduleJob"],
    construct: "call",
    label: "node-schedule",
  },
  {
    module: "node-cron",
    path: ["schedule"],
    construct: "call",
    label: "node-cron",
  },
  { module: "cron", path: ["CronJob"], construct: "new", label: "cron" },
  {
    module: "cron",
    path: ["CronJob", "from"],
    construct: "call",
    label: "cron",
  },
];
const SCHEDULER_MODULES = [...new Set(SCHEDULERS.map(({ module }) => module))];

const WHY_QUEUE =
  "Jobs queued in memory exist only in this process: a restart or deploy drops every job still waiting, nothing retries them, and each replica runs only the jobs its own requests queued, so no other replica can take over.";

const WHY_TIMER =
  "A timer lives in the process that created it: a restart or deploy before it fires silently drops the work, and no other replica can see or cancel it.";

const QUEUE_EXAMPLE = `import { Queue } from "bullmq";

const emailQueue = new Queue("email", { connection: { url: process.env.REDIS_URL } });

app.post("/signup", async (req, res) => {
  const user = await createUser(req.body);
  await emailQueue.add("welcome", { userId: user.id }, { jobId: \`welcome:\${user.id}\` });
  res.status(201).json(user);
});`;

const TIMER_EXAMPLE = `import { Queue } from "bullmq";

const reminders = new Queue("reminders", { connection: { url: process.env.REDIS_URL } });

await reminders.add(
  "trial-ending",
  { userId: user.id },
  { delay: 24 * 60 * 60 * 1000, jobId: \`trial-ending:\${user.id}\` },
);`;

export const inMemoryJob: Detector = {
  meta: {
    id: "in-memory-job",
    title: "Disallow job queues and per-user timers kept in process memory",
    description:
      "Jobs queued in a module-level array or an in-process queue library, and timers set by request handlers, live only in one process, so a restart loses them and other replicas cannot run or cancel them.",
    defaultSeverity: "high",
    fix: "Put the work on a Redis-backed queue such as BullMQ, using delayed jobs with a job id per user action instead of timers.",
    docsUrl: getDocsUrl("in-memory-job"),
  },
  detect(context) {
    const { file } = context;
    // A queue library's instance may live in a module without handlers.
    if (file.importsPackage(listQueuePackages())) {
      for (const node of [...file.walk.newExpressions, ...file.walk.calls])
        checkQueueLibrary(context, node);
    }
    // Containers count only when request code feeds them, here or from
    // another file; timers and schedules only when set in request code.
    const hasRequestCode = file.hasRequestCode();
    const containers = file.walk.declarations.filter(
      (declaration) =>
        hasRequestCode ||
        context.project.listExternalMutations(declaration).length > 0,
    );
    if (containers.length > 0) {
      const timerCallbacks = listTimerCallbacks(file);
      for (const declaration of containers)
        checkContainer(context, declaration, timerCallbacks);
    }
    if (!hasRequestCode) return;
    for (const call of file.walk.calls) checkTimer(context, call);
    if (!file.importsAny(SCHEDULER_MODULES)) return;
    for (const node of [...file.walk.newExpressions, ...file.walk.calls])
      checkScheduler(context, node);
  },
};

function raise(file: FileFacts, severity: Severity): Severity {
  if (!file.serverless) return severity;
  return severity === "medium" ? "high" : "critical";
}

/** Reports a module-level array, Map or Set named like a job queue, fed by requests and drained by a timer or a worker loop. */
function checkContainer(
  context: DetectorContext,
  declaration: Declaration,
  timerCallbacks: ReadonlySet<FunctionNode>,
): void {
  const { file, project } = context;
  if (!file.isModuleLevel(declaration) || !declaration.initializer) return;
  if (!JOB_CONTAINER_NAME.test(declaration.name)) return;
  if (!isCollectionLiteral(declaration.initializer)) return;

  const local = file.listMutations(declaration).map((mutation) => ({
    file,
    mutation,
  }));
  const external = project.listExternalMutations(declaration);
  const feeds = [...local, ...external].filter(
    ({ file: owner, mutation }) =>
      owner.isInRequestScope(mutation.node) &&
      mutation.kind !== "reassign" &&
      classifyWrite(mutation) === "add",
  );
  if (feeds.length === 0) return;
  const drain = findDrain(file, declaration, timerCallbacks);
  if (!drain) return;

  const fromRequest = feeds.some(({ file: owner, mutation }) =>
    carriesRequestData(owner, mutation),
  );
  const first = feeds[0]!;
  const feedText = first.mutation.node.getText().replace(/\s+/g, " ");
  context.report({
    node: declaration.node,
    message: `\`${declaration.name}\` is a module-level job queue that request code fills (\`${truncate(feedText)}\`) and ${drain}, so waiting jobs exist only in this process's memory.`,
    why: WHY_QUEUE,
    fix: `Replace \`${declaration.name}\` with a Redis-backed queue such as BullMQ: add each job with \`queue.add(name, data, { jobId })\` in the handler and process it in a worker that any replica can run.`,
    example: QUEUE_EXAMPLE,
    severity: raise(file, fromRequest ? "high" : "medium"),
    relatedNodes: local
      .filter(({ mutation }) =>
        feeds.some((feed) => feed.mutation === mutation),
      )
      .map(({ mutation }) => mutation.node),
  });
}

/**
 * Describes what drains a job container, if anything does: code in a
 * timer callback that uses it, or a loop that takes jobs out of it.
 */
function findDrain(
  file: FileFacts,
  declaration: Declaration,
  timerCallbacks: ReadonlySet<FunctionNode>,
): string | undefined {
  const references = file.listReferences(declaration);
  if (references.some((reference) => isInside(reference, timerCallbacks)))
    return "a timer drains";
  const consumes = file
    .listMutations(declaration)
    .some(
      (mutation) =>
        isConsuming(mutation) && findEnclosingLoop(mutation.node) !== undefined,
    );
  return consumes ? "a worker loop drains" : undefined;
}

function isConsuming(mutation: Mutation): boolean {
  if (mutation.method && CONSUMING_METHODS.has(mutation.method)) return true;
  if (mutation.kind === "reassign") return true;
  return (
    mutation.path.length === 0 &&
    mutation.key !== undefined &&
    ts.isIdentifier(mutation.key) &&
    mutation.key.text === "length"
  );
}

function findEnclosingLoop(node: ts.Node): ts.Node | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current && !isFunctionNode(current)) {
    if (
      ts.isWhileStatement(current) ||
      ts.isDoStatement(current) ||
      ts.isForStatement(current) ||
      ts.isForOfStatement(current) ||
      ts.isForInStatement(current)
    ) {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

/** True when a job carries data of the request that queued it: the user's job rather than housekeeping. */
function carriesRequestData(file: FileFacts, mutation: Mutation): boolean {
  const parts = [...listWriteKeys(mutation), mutation.value];
  return parts.some(
    (part) =>
      part !== undefined &&
      (isUserValue(file, part) ||
        tracesToRequest(file, part) ||
        findCapturedRequestData(file, part) !== undefined),
  );
}

/** Reports an in-process queue library created at module level and fed, without waiting, from request code. */
function checkQueueLibrary(
  context: DetectorContext,
  node: ts.NewExpression | ts.CallExpression,
): void {
  const { file, project } = context;
  const queue = matchQueueConstruction(file, node);
  if (!queue) return;
  const holder = findModuleHolder(file, node);
  if (!holder) return;

  const uses: { file: FileFacts; expression: ts.Expression }[] = [];
  if (holder.declaration) {
    for (const reference of file.listReferences(holder.declaration))
      uses.push({ file, expression: reference });
  }
  const exportNames = listExportNames(file, holder.node);
  if (exportNames.length > 0)
    uses.push(...listImportedReferences(project, file, exportNames));

  const feeds: { file: FileFacts; call: ts.CallExpression }[] = [];
  for (const use of uses) {
    const call = use.expression.parent?.parent;
    if (
      !call ||
      !ts.isCallExpression(call) ||
      getCallReceiver(call) !== use.expression ||
      !queue.feedMethods.includes(getCalleeName(call) ?? "")
    ) {
      continue;
    }
    if (!use.file.isInRequestScope(call) || isAwaited(call)) continue;
    feeds.push({ file: use.file, call });
  }
  if (feeds.length === 0) return;

  const fromRequest = feeds.some(({ file: owner, call }) =>
    call.arguments.some(
      (argument) =>
        tracesToRequest(owner, argument) ||
        findCapturedRequestData(owner, argument) !== undefined,
    ),
  );
  const name = holder.name;
  const feedText = feeds[0]!.call.getText().replace(/\s+/g, " ");
  context.report({
    node: holder.node,
    message: `\`${name}\` is an in-process queue (${queue.label}) created at module level, and request code adds jobs to it without waiting for them (\`${truncate(feedText)}\`), so those jobs exist only in this process's memory.`,
    why: WHY_QUEUE,
    fix: `Replace \`${name}\` with a Redis-backed queue such as BullMQ, and run the job in a worker; if the handler only needs to limit concurrency, await the job inside the request instead.`,
    example: QUEUE_EXAMPLE,
    severity: raise(file, fromRequest ? "high" : "medium"),
    relatedNodes: feeds
      .filter((feed) => feed.file === file)
      .map((feed) => feed.call),
  });
}

/** Finds where a module-level construction is kept: its variable declaration, or the default export itself. */
function findModuleHolder(
  file: FileFacts,
  node: ts.Expression,
): { node: ts.Node; name: string; declaration?: Declaration } | undefined {
  let current: ts.Node = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isAwaitExpression(current.parent)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === current) {
    const declaration = file.walk.declarations.find(
      (candidate) => candidate.node === parent,
    );
    if (!declaration || !file.isModuleLevel(declaration)) return undefined;
    return { node: parent, name: declaration.name, declaration };
  }
  if (ts.isExportAssignment(parent)) return { node, name: "default export" };
  return undefined;
}

/** True when the job's result is awaited, returned or kept, so the job finishes within the request. */
function isAwaited(call: ts.CallExpression): boolean {
  let current: ts.Node = call;
  // `queue.add(job).then(...).catch(...)` is still fire-and-forget.
  while (
    ts.isPropertyAccessExpression(current.parent) &&
    /^(then|catch|finally)$/.test(current.parent.name.text) &&
    ts.isCallExpression(current.parent.parent)
  ) {
    current = current.parent.parent;
  }
  const parent = current.parent;
  if (ts.isVoidExpression(parent)) return false;
  if (!ts.isExpressionStatement(parent)) return true;
  // A callback that responds to the request means the handler waits for the job.
  return call.arguments.some(
    (argument) => isFunctionNode(argument) && touchesResponse(argument),
  );
}

/** Reports a `setTimeout` or `setInterval` that request code starts for later work on request data. */
function checkTimer(context: DetectorContext, call: ts.CallExpression): void {
  const { file } = context;
  if (!isTimerCall(file, call, new Set(["setTimeout", "setInterval"]))) return;
  if (!file.isInRequestScope(call)) return;
  const callback = call.arguments[0];
  if (!callback) return;
  const body = file.resolveFunction(callback) ?? callback;

  const isInterval = getCalleeName(call) === "setInterval";
  const delay = evaluateDelay(file, call.arguments[1]);
  if (!isInterval && (delay ?? Infinity) < SHORT_DELAY_MS) return;
  if (isRequestLocalTimer(file, call, body)) return;

  // `setTimeout(remind, ms, user.id)` passes request data as extra arguments.
  const captured =
    findCapturedRequestData(file, body) ??
    call.arguments
      .slice(2)
      .map((argument) => findCapturedRequestData(file, argument))
      .find((found) => found !== undefined);
  if (!captured) return;
  const when =
    delay === undefined
      ? "at a time computed per request"
      : `${isInterval ? "every" : "in"} ${formatDelay(delay)}`;
  const kind = isInterval ? "`setInterval`" : "`setTimeout`";
  context.report({
    node: call,
    message: `A request handler starts a ${kind} timer that runs ${when} with request data (\`${truncate(captured.getText())}\`); the pending work lives only in this process.`,
    why: WHY_TIMER,
    fix: "Schedule the work as a BullMQ delayed (or repeatable) job with a job id per user action, such as `reminder:<userId>`, so it survives restarts and any replica can run or cancel it.",
    example: TIMER_EXAMPLE,
    severity: raise(file, "high"),
  });
}

/**
 * True for timers that belong to the request itself: a sleep or timeout
 * inside a `new Promise` executor, a callback that responds to the request
 * or uses its connection, and a timer the same function clears again. A
 * callback that only removes an entry from an in-memory store is an expiry,
 * which the store's own detector covers.
 */
function isRequestLocalTimer(
  file: FileFacts,
  call: ts.CallExpression,
  body: ts.Node,
): boolean {
  if (isInPromiseExecutor(call)) return true;
  if (/\b(resolve|reject)\s*\(/.test(body.getText())) return true;
  if (touchesResponse(body)) return true;
  if (isClearedLocally(call)) return true;
  return isCleanupOnly(file, body);
}

function isInPromiseExecutor(call: ts.CallExpression): boolean {
  let current: ts.Node | undefined = call.parent;
  while (current && !ts.isSourceFile(current)) {
    if (
      isFunctionNode(current) &&
      ts.isNewExpression(current.parent) &&
      getCalleeName(current.parent) === "Promise"
    ) {
      return true;
    }
    current = current.parent;
  }
  return false;
}

/** True when the timer's handle is passed to `clearTimeout`/`clearInterval` in the same function. */
function isClearedLocally(call: ts.CallExpression): boolean {
  const holder = call.parent;
  if (!ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name))
    return false;
  const name = holder.name.text;
  let owner: ts.Node | undefined = holder.parent;
  while (owner && !isFunctionNode(owner)) owner = owner.parent;
  if (!owner) return false;
  return new RegExp(`clear(Timeout|Interval)\\(\\s*${name}\\s*\\)`).test(
    owner.getText(),
  );
}

function isCleanupOnly(file: FileFacts, body: ts.Node): boolean {
  const calls = file.walk.calls.filter(
    (call) => call.pos >= body.pos && call.end <= body.end,
  );
  const removals = file.walk.mutations.filter(
    (mutation) =>
      mutation.node.pos >= body.pos &&
      mutation.node.end <= body.end &&
      classifyWrite(mutation) === "remove",
  );
  if (removals.length === 0) return false;
  return calls.every((call) =>
    removals.some((removal) => removal.node === call),
  );
}

/** Reports a node-schedule, node-cron or cron job created inside request code. */
function checkScheduler(
  context: DetectorContext,
  node: ts.NewExpression | ts.CallExpression,
): void {
  const { file } = context;
  const construct = ts.isNewExpression(node) ? "new" : "call";
  const scheduler = SCHEDULERS.find(
    (candidate) =>
      candidate.construct === construct &&
      file.isSymbol(node.expression, [candidate.module], candidate.path),
  );
  if (!scheduler || !file.isInRequestScope(node)) return;
  const captured = findCapturedRequestData(file, node);
  if (!captured) return;
  context.report({
    node,
    message: `A request handler creates a ${scheduler.label} job with request data (\`${truncate(captured.getText())}\`); the schedule lives only in this process.`,
    why: WHY_TIMER,
    fix: "Create a BullMQ delayed or repeatable job with a job id per user action instead, so the schedule survives restarts and runs once across replicas.",
    example: TIMER_EXAMPLE,
    severity: raise(file, "high"),
  });
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
