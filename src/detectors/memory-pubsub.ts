import { ts } from "ts-morph";

import { getCalleeName, unwrapExpression } from "../engine/ast/nodes.js";
import type { FileFacts } from "../engine/facts/file-facts.js";
import type { ProjectFacts } from "../engine/facts/project-facts.js";
import type { Detector, DetectorContext } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import { isPluginRegistration } from "./support/plugin-registration.js";
import {
  getOption,
  isEmptyValue,
  resolveOptionsObject,
} from "./support/options.js";
import {
  climbWrappers,
  findBinding,
  getMethodCall,
  listExportNames,
  listUseSites,
  type MethodCall,
} from "./support/use-sites.js";

/** Packages whose `PubSub` export is graphql-subscriptions' in-memory PubSub (Apollo Server 2 and graphql-yoga 1 re-exported it). */
const PUBSUB_MODULES = [
  "graphql-subscriptions",
  "@nestjs/graphql",
  "graphql-yoga",
  "apollo-server",
  "apollo-server-express",
  "apollo-server-koa",
  "apollo-server-fastify",
  "apollo-server-hapi",
  "apollo-server-micro",
  "apollo-server-lambda",
];
const YOGA_MODULES = [
  "graphql-yoga",
  "@graphql-yoga/subscription",
  "@graphql-yoga/node",
];
const PUBSUB_METHODS = new Set([
  "publish",
  "asyncIterator",
  "asyncIterableIterator",
  "subscribe",
]);
const PUBSUB_NAME = /pub_?sub/i;
/** Methods that use a PubSub handed to other files. `subscribe` is left out because many APIs share the name. */
const SHARED_PUBSUB_METHODS = new Set(
  [...PUBSUB_METHODS].filter((method) => method !== "subscribe"),
);
const SHARED_PUBSUB_TOKENS = [...SHARED_PUBSUB_METHODS].map(
  (method) => `call:${method}`,
);

const WHY =
  "Subscribers stay connected to the replica they first reached, and an in-memory PubSub delivers an event only inside the process that published it, so with several replicas a mutation handled by one replica never notifies clients subscribed through another.";

const REDIS_PUBSUB_EXAMPLE = `import { RedisPubSub } from "graphql-redis-subscriptions";
import Redis from "ioredis";

export const pubsub = new RedisPubSub({
  publisher: new Redis(process.env.REDIS_URL),
  subscriber: new Redis(process.env.REDIS_URL),
});`;

const YOGA_EXAMPLE = `import { createPubSub } from "graphql-yoga";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import Redis from "ioredis";

export const pubSub = createPubSub({
  eventTarget: createRedisEventTarget({
    publishClient: new Redis(process.env.REDIS_URL),
    subscribeClient: new Redis(process.env.REDIS_URL),
  }),
});`;

const MERCURIUS_EXAMPLE = `import mercurius from "mercurius";
import mqemitterRedis from "mqemitter-redis";

await app.register(mercurius, {
  schema,
  resolvers,
  subscription: {
    emitter: mqemitterRedis({ connectionString: process.env.REDIS_URL }),
  },
});`;

export const memoryPubsub: Detector = {
  meta: {
    id: "memory-pubsub",
    title: "Disallow GraphQL subscriptions over an in-memory PubSub",
    description:
      "An in-memory PubSub delivers published events only to subscribers connected to the same process, so subscriptions miss events published on other replicas.",
    defaultSeverity: "high",
    fix: "Use a PubSub backed by a broker: RedisPubSub from graphql-redis-subscriptions, Yoga's createRedisEventTarget, or mqemitter-redis for mercurius.",
    docsUrl: getDocsUrl("memory-pubsub"),
  },
  detect(context) {
    const { file } = context;
    if (
      !file.importsPackage([...PUBSUB_MODULES, ...YOGA_MODULES, "mercurius"])
    ) {
      return;
    }
    for (const expression of file.walk.newExpressions) {
      if (file.isSymbol(expression.expression, PUBSUB_MODULES, ["PubSub"]))
        checkPubSub(context, expression, "graphql-subscriptions");
    }
    for (const call of file.walk.calls) {
      if (isYogaMemoryPubSub(file, call)) checkPubSub(context, call, "yoga");
      checkMercurius(context, call);
    }
  },
};

function isYogaMemoryPubSub(file: FileFacts, call: ts.CallExpression): boolean {
  if (!file.isSymbol(call.expression, YOGA_MODULES, ["createPubSub"]))
    return false;
  const argument = call.arguments[0];
  if (!argument) return true;
  const options = resolveOptionsObject(file, argument);
  if (!options) return false;
  const target = getOption(file, options, ["eventTarget"]);
  if (target.kind === "absent") return true;
  return target.kind === "set" && isEmptyValue(target.value);
}

function checkPubSub(
  context: DetectorContext,
  node: ts.NewExpression | ts.CallExpression,
  flavour: "graphql-subscriptions" | "yoga",
): void {
  const { file, project } = context;
  if (file.isInRequestScope(node)) return;
  const uses = listPubSubUses(file, project, node);
  if (uses.length === 0 && !escapesFile(file, node)) return;

  const name = findName(file, node);
  const subject =
    flavour === "yoga"
      ? `${name ?? "This PubSub"} is created by graphql-yoga's \`createPubSub()\` without an \`eventTarget\`, so it dispatches events through an in-memory EventTarget`
      : `${name ?? "This PubSub"} is graphql-subscriptions' in-memory PubSub, an EventEmitter inside this process`;
  const [first] = uses;
  const usage = first
    ? `; \`${first.method}\` is called on it on ${describeFile(file, first)}`
    : "";

  context.report({
    node,
    message: `${subject}${usage}. Events published on one replica never reach subscribers on another.`,
    why: WHY,
    fix:
      flavour === "yoga"
        ? "Pass `eventTarget: createRedisEventTarget({ publishClient, subscribeClient })` from @graphql-yoga/redis-event-target, with two ioredis clients."
        : "Replace it with `new RedisPubSub({ publisher, subscriber })` from graphql-redis-subscriptions; `publish` and `asyncIterator` keep working unchanged.",
    example: flavour === "yoga" ? YOGA_EXAMPLE : REDIS_PUBSUB_EXAMPLE,
    severity: "high",
    relatedNodes: uses
      .filter((use) => use.file === file)
      .map((use) => use.call),
  });
}

function describeFile(file: FileFacts, use: MethodCall): string {
  return use.file === file
    ? `line ${file.getLine(use.call)}`
    : `${use.file.path} line ${use.file.getLine(use.call)}`;
}

function findName(file: FileFacts, node: ts.Node): string | undefined {
  const binding = findBinding(file, node);
  if (binding?.kind === "variable") return `\`${binding.declaration.name}\``;
  if (binding?.kind === "field") return `\`${binding.name}\``;
  return undefined;
}

/**
 * Lists publish and subscribe calls on the PubSub: through its variable,
 * field or export, and, for instances handed out by injection or context,
 * on any receiver named like a pubsub (`this.pubSub.publish(...)`,
 * `context.pubsub.asyncIterator(...)`) in the run.
 */
function listPubSubUses(
  file: FileFacts,
  project: ProjectFacts,
  node: ts.Node,
): MethodCall[] {
  const uses: MethodCall[] = [];
  const binding = findBinding(file, node);
  if (binding) {
    for (const site of listUseSites(file, project, binding)) {
      const call = getMethodCall(site);
      if (call && PUBSUB_METHODS.has(call.method)) uses.push(call);
    }
  }
  if (uses.length > 0 || !escapesFile(file, node)) return uses;

  for (const other of project.listFilesWith(SHARED_PUBSUB_TOKENS)) {
    for (const call of other.walk.calls) {
      const method = getCalleeName(call);
      const callee = unwrapExpression(call.expression);
      if (
        method &&
        SHARED_PUBSUB_METHODS.has(method) &&
        ts.isPropertyAccessExpression(callee) &&
        PUBSUB_NAME.test(callee.expression.getText(other.sourceFile))
      ) {
        uses.push({ file: other, method, call });
      }
    }
  }
  return uses;
}

/**
 * True when the PubSub leaves the file's own statements: exported, put in
 * an object (a Nest provider's `useValue`, a GraphQL context), or passed
 * as an argument.
 */
function escapesFile(file: FileFacts, node: ts.Node): boolean {
  const binding = findBinding(file, node);
  if (!binding) return true;
  if (binding.kind === "export") return true;
  if (binding.kind === "field") return false;
  if (listExportNames(file, binding.declaration).length > 0) return true;
  return file.listReferences(binding.declaration).some((reference) => {
    const parent = climbWrappers(reference).parent;
    return (
      parent !== undefined &&
      (ts.isShorthandPropertyAssignment(parent) ||
        ts.isPropertyAssignment(parent) ||
        ts.isCallExpression(parent) ||
        ts.isNewExpression(parent))
    );
  });
}

/**
 * Reports mercurius registered with subscriptions on its default emitter,
 * which is an in-memory MQEmitter unless `subscription.emitter` is set.
 */
function checkMercurius(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  if (!isPluginRegistration(file, call, ["mercurius"])) return;

  const options = resolveOptionsObject(file, call.arguments[1]);
  if (!options) return;
  const subscription = getOption(file, options, ["subscription"]);
  if (subscription.kind !== "set") return;
  const value = unwrapExpression(subscription.value);
  if (value.kind === ts.SyntaxKind.TrueKeyword) {
    reportMercurius(context, call);
    return;
  }
  const settings = resolveOptionsObject(file, value);
  if (!settings) return;
  const emitter = getOption(file, settings, ["emitter"]);
  if (emitter.kind === "absent") reportMercurius(context, call);
}

function reportMercurius(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  context.report({
    node: call,
    message:
      "mercurius is registered with subscriptions on its default emitter, an in-memory MQEmitter, because `subscription.emitter` is not set. Events published on one replica never reach subscribers on another.",
    why: WHY,
    fix: "Set `subscription: { emitter: mqemitterRedis({ connectionString }) }` from mqemitter-redis so every replica shares the event stream.",
    example: MERCURIUS_EXAMPLE,
    severity: "high",
  });
}
