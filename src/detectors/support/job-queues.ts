import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import { getStringValue, unwrapExpression } from "../../engine/ast/nodes.js";
import {
  getOption,
  resolveOptionsObject,
  type OptionsObject,
} from "./options.js";

/** An in-process queue library, how it is created, and the methods that add jobs. */
interface QueueLibrary {
  module: string;
  /** Export path of the constructor or factory; `[]` is the default export. */
  path: readonly string[];
  construct: "new" | "call";
  label: string;
  feedMethods: readonly string[];
  /** Index of the options argument, when an option can move the queue out of process. */
  optionsIndex?: number;
}

/** Packages of the in-process queue libraries, for skipping files that import none. */
export function listQueuePackages(): string[] {
  return [...new Set(QUEUE_LIBRARIES.map((library) => library.module))];
}

const QUEUE_LIBRARIES: readonly QueueLibrary[] = [
  {
    module: "p-queue",
    path: [],
    construct: "new",
    label: "p-queue",
    feedMethods: ["add", "addAll"],
  },
  {
    module: "fastq",
    path: [],
    construct: "call",
    label: "fastq",
    feedMethods: ["push", "unshift"],
  },
  {
    module: "fastq",
    path: ["promise"],
    construct: "call",
    label: "fastq",
    feedMethods: ["push", "unshift"],
  },
  ...["queue", "priorityQueue", "cargo", "cargoQueue"].map(
    (name): QueueLibrary => ({
      module: "async",
      path: [name],
      construct: "call",
      label: `async.${name}`,
      feedMethods: ["push", "unshift", "pushAsync", "unshiftAsync"],
    }),
  ),
  {
    module: "async/queue",
    path: [],
    construct: "call",
    label: "async.queue",
    feedMethods: ["push", "unshift", "pushAsync"],
  },
  {
    module: "bottleneck",
    path: [],
    construct: "new",
    label: "Bottleneck",
    feedMethods: ["schedule", "submit"],
    optionsIndex: 0,
  },
  {
    module: "better-queue",
    path: [],
    construct: "new",
    label: "better-queue",
    feedMethods: ["push"],
    optionsIndex: 1,
  },
  {
    module: "queue",
    path: [],
    construct: "new",
    label: "queue",
    feedMethods: ["push", "unshift", "splice"],
  },
];

/** The in-process queue a construction creates. */
export interface QueueConstruction {
  label: string;
  feedMethods: readonly string[];
}

/**
 * Recognises the construction of an in-process job queue: p-queue, fastq,
 * async's queues, the queue package, Bottleneck without a Redis datastore
 * and better-queue without a store. Redis-backed queues (BullMQ, Bull,
 * bee-queue) and schedulers over a database (agenda, pg-boss) are not
 * in-process and are not matched.
 */
export function matchQueueConstruction(
  file: FileFacts,
  node: ts.NewExpression | ts.CallExpression,
): QueueConstruction | undefined {
  const construct = ts.isNewExpression(node) ? "new" : "call";
  const library = QUEUE_LIBRARIES.find(
    (candidate) =>
      candidate.construct === construct &&
      file.isSymbol(node.expression, [candidate.module], candidate.path),
  );
  if (!library) return undefined;
  if (library.optionsIndex !== undefined) {
    const argument = findOptionsArgument(node, library.optionsIndex);
    if (argument) {
      // Options built elsewhere cannot be judged.
      const options = resolveOptionsObject(file, argument);
      if (!options || usesExternalStore(file, library, options))
        return undefined;
    }
  }
  return { label: library.label, feedMethods: library.feedMethods };
}

/** Returns the options argument; better-queue also takes one object with `process` inside. */
function findOptionsArgument(
  node: ts.NewExpression | ts.CallExpression,
  index: number,
): ts.Expression | undefined {
  const args = node.arguments ?? [];
  const argument = args[index];
  if (argument) return argument;
  const first = args[0];
  return first && ts.isObjectLiteralExpression(unwrapExpression(first))
    ? first
    : undefined;
}

function usesExternalStore(
  file: FileFacts,
  library: QueueLibrary,
  options: OptionsObject,
): boolean {
  if (library.module === "bottleneck") {
    // Bottleneck clusters through Redis when `datastore` is "redis" or "ioredis".
    const datastore = getOption(file, options, ["datastore"]);
    if (datastore.kind === "unknown") return true;
    if (datastore.kind !== "set") return false;
    return getStringValue(unwrapExpression(datastore.value)) !== "local";
  }
  // better-queue keeps jobs in memory unless `store` names another type.
  const store = getOption(file, options, ["store"]);
  if (store.kind === "unknown") return true;
  if (store.kind !== "set") return false;
  const type = getOption(file, resolveOptionsObject(file, store.value), [
    "type",
  ]);
  return !(
    type.kind === "set" &&
    getStringValue(unwrapExpression(type.value)) === "memory"
  );
}
