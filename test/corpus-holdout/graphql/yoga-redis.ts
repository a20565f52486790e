import { createServer } from "node:http";
import { createPubSub, createSchema, createYoga } from "graphql-yoga";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";
import { adjustStock, type StockLevel } from "./inventory.js";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const publishClient = new Redis(redisUrl);
const subscribeClient = new Redis(redisUrl);

const pubSub = createPubSub<{ "stock:changed": [sku: string, level: StockLevel] }>({
  eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
});

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type StockLevel {
      sku: ID!
      available: Int!
    }
    type Query {
      health: String!
    }
    type Mutation {
      adjustStock(sku: ID!, delta: Int!): StockLevel!
    }
    type Subscription {
      stockChanged(sku: ID!): StockLevel!
    }
  `,
  resolvers: {
    Query: { health: () => "ok" },
    Mutation: {
      adjustStock: async (_: unknown, args: { sku: string; delta: number }) => {
        const level = await adjustStock(args.sku, args.delta);
        pubSub.publish("stock:changed", args.sku, level);
        return level;
      },
    },
    Subscription: {
      stockChanged: {
        subscribe: (_: unknown, args: { sku: string }) =>
          pubSub.subscribe("stock:changed", args.sku),
        resolve: (level: StockLevel) => level,
      },
    },
  },
});

const yoga = createYoga({ schema, graphqlEndpoint: "/graphql" });

createServer(yoga).listen(Number(process.env.PORT ?? 4001));
