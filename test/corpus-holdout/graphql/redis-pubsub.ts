import { ApolloServer } from "@apollo/server";
import { KeyvAdapter } from "@apollo/utils.keyvadapter";
import { Keyv } from "keyv";
import KeyvRedis from "@keyv/redis";
import DataLoader from "dataloader";
import { RedisPubSub } from "graphql-redis-subscriptions";
import { Redis, type RedisOptions } from "ioredis";
import { typeDefs } from "./type-defs.js";
import type { Db, User } from "./db.js";

const redisOptions: RedisOptions = {
  host: process.env.REDIS_HOST ?? "127.0.0.1",
  port: Number(process.env.REDIS_PORT ?? 6379),
  retryStrategy: (attempt) => Math.min(attempt * 100, 3000),
};

export const pubsub = new RedisPubSub({
  publisher: new Redis(redisOptions),
  subscriber: new Redis(redisOptions),
});

interface Context {
  viewerId: string | null;
  db: Db;
  users: DataLoader<string, User | null>;
}

const resolvers = {
  Mutation: {
    async renameBoard(_: unknown, args: { id: string; name: string }, ctx: Context) {
      const board = await ctx.db.boards.rename(args.id, args.name, ctx.viewerId);
      await pubsub.publish(`BOARD_RENAMED.${board.id}`, { boardRenamed: board });
      return board;
    },
  },
  Subscription: {
    boardRenamed: {
      subscribe: (_: unknown, args: { id: string }) =>
        pubsub.asyncIterableIterator(`BOARD_RENAMED.${args.id}`),
    },
  },
  Board: {
    owner: (board: { ownerId: string }, _: unknown, ctx: Context) =>
      ctx.users.load(board.ownerId),
  },
};

export const server = new ApolloServer<Context>({
  typeDefs,
  resolvers,
  cache: new KeyvAdapter(
    new Keyv({ store: new KeyvRedis(process.env.REDIS_URL), namespace: "apollo" }),
  ),
});

// Loaders are built per request, so batching never mixes two users' reads.
export function buildContext(viewerId: string | null, db: Db): Context {
  return {
    viewerId,
    db,
    users: new DataLoader((ids: readonly string[]) => db.users.byIds(ids)),
  };
}
