import { describe, expect, it } from "vitest";

import { memoryPubsub } from "../../src/detectors/memory-pubsub.js";
import { analyze } from "../../src/engine/analyze.js";
import { describeDetectorCases } from "../support/detector-cases.js";

describe("memory-pubsub", () => {
  describeDetectorCases(memoryPubsub, {
    valid: [
      {
        name: "RedisPubSub from graphql-redis-subscriptions",
        code: `import { RedisPubSub } from "graphql-redis-subscriptions";
export const pubsub = new RedisPubSub({ publisher, subscriber });`,
      },
      {
        name: "RedisPubSub imported under the name PubSub",
        code: `import { RedisPubSub as PubSub } from "graphql-redis-subscriptions";
export const pubsub = new PubSub({ connection: process.env.REDIS_URL });`,
      },
      {
        name: "Yoga PubSub over a Redis event target",
        code: `import { createPubSub } from "graphql-yoga";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
export const pubSub = createPubSub({
  eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
});`,
      },
      {
        name: "a PubSub class of the project",
        code: `class PubSub { publish() {} }
export const pubsub = new PubSub();
pubsub.publish("x");`,
      },
      {
        name: "declared and never used",
        code: `import { PubSub } from "graphql-subscriptions";
const pubsub = new PubSub();`,
      },
      {
        name: "mercurius with a Redis emitter",
        code: `import mercurius from "mercurius";
import mqemitterRedis from "mqemitter-redis";
app.register(mercurius, {
  schema,
  subscription: { emitter: mqemitterRedis({ connectionString: url }) },
});`,
      },
      {
        name: "mercurius without subscriptions",
        code: `import mercurius from "mercurius";
app.register(mercurius, { schema, resolvers });`,
      },
      {
        name: "test file is not analysed",
        path: "src/__tests__/pubsub.test.ts",
        code: `import { PubSub } from "graphql-subscriptions";
const pubsub = new PubSub();
pubsub.publish("X", {});`,
      },
    ],
    invalid: [
      {
        name: "PubSub used by mutations and subscriptions",
        code: `const { PubSub } = require("graphql-subscriptions");
const pubsub = new PubSub();
const resolvers = {
  Mutation: {
    async addMessage(_, { text }) {
      const message = await Message.create({ text });
      await pubsub.publish("MESSAGE_ADDED", { messageAdded: message });
      return message;
    },
  },
  Subscription: {
    messageAdded: { subscribe: () => pubsub.asyncIterator(["MESSAGE_ADDED"]) },
  },
};`,
        findings: [
          {
            line: 2,
            column: 16,
            severity: "high",
            message: "`publish` is called on it on line 7",
          },
        ],
      },
      {
        name: "exported PubSub used from a resolver file",
        path: "src/pubsub.ts",
        files: {
          "src/resolvers/post.ts": `import { pubsub } from "../pubsub.js";
export const resolvers = {
  Subscription: {
    postAdded: { subscribe: () => pubsub.asyncIterableIterator("POST_ADDED") },
  },
};`,
        },
        code: `import { PubSub } from "graphql-subscriptions";
export const pubsub = new PubSub();`,
        findings: [
          {
            line: 2,
            column: 23,
            message: "src/resolvers/post.ts line 4",
          },
        ],
      },
      {
        name: "Nest provider with an injected PubSub",
        path: "src/pubsub.module.ts",
        files: {
          "src/comments/comments.resolver.ts": `import { Inject } from "@nestjs/common";
import { Mutation, Resolver, Subscription } from "@nestjs/graphql";
@Resolver()
export class CommentsResolver {
  constructor(@Inject("PUB_SUB") private pubSub: PubSub) {}
  @Subscription(() => Comment)
  commentAdded() {
    return this.pubSub.asyncIterableIterator("commentAdded");
  }
}`,
        },
        code: `import { Global, Module } from "@nestjs/common";
import { PubSub } from "graphql-subscriptions";
@Global()
@Module({
  providers: [{ provide: "PUB_SUB", useValue: new PubSub() }],
  exports: ["PUB_SUB"],
})
export class PubSubModule {}`,
        findings: [{ line: 5, column: 47, severity: "high" }],
      },
      {
        name: "Apollo Server 2 re-export",
        code: `const { ApolloServer, PubSub } = require("apollo-server-express");
const pubsub = new PubSub();
const server = new ApolloServer({ typeDefs, resolvers, context: { pubsub } });`,
        findings: [{ line: 2, column: 16 }],
      },
      {
        name: "Yoga createPubSub without an event target",
        path: "src/yoga.ts",
        code: `import { createPubSub, createSchema, createYoga } from "graphql-yoga";
const pubSub = createPubSub<{ "chat:message": [message: string] }>();
export const yoga = createYoga({
  schema: createSchema({
    typeDefs,
    resolvers: {
      Mutation: { send: (_: unknown, { text }: { text: string }) => { pubSub.publish("chat:message", text); return true; } },
      Subscription: { message: { subscribe: () => pubSub.subscribe("chat:message") } },
    },
  }),
});`,
        findings: [
          { line: 2, column: 16, message: "without an `eventTarget`" },
        ],
      },
      {
        name: "mercurius with default subscriptions",
        code: `const mercurius = require("mercurius");
app.register(mercurius, { schema, resolvers, subscription: true });`,
        findings: [{ line: 2, column: 1, severity: "high" }],
      },
      {
        name: "mercurius subscription options without an emitter",
        code: `import mercurius from "mercurius";
const options = { schema, subscription: { onConnect: () => true } };
await app.register(mercurius, options);`,
        findings: [{ line: 3, column: 7 }],
      },
    ],
  });

  it("moves to a changed publish line in a review", () => {
    const result = analyze(
      [
        {
          path: "src/server.js",
          text: `import { PubSub } from "graphql-subscriptions";
const pubsub = new PubSub();
export const resolvers = {
  Mutation: { ping: () => pubsub.publish("PING", { ping: true }) },
};`,
        },
      ],
      {
        detectors: [memoryPubsub],
        changedLines: new Map([["src/server.js", new Set([4])]]),
      },
    );
    expect(result.findings.map((finding) => finding.line)).toEqual([4]);
  });
});
