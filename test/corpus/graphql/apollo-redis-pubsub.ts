import { RedisPubSub } from 'graphql-redis-subscriptions';
import { withFilter } from 'graphql-subscriptions';
import { Redis } from 'ioredis';
import type { Context } from './context.js';

const redisOptions = { host: process.env.REDIS_HOST, port: 6379, retryStrategy: (n: number) => Math.min(n * 100, 3000) };

export const pubsub = new RedisPubSub({
  publisher: new Redis(redisOptions),
  subscriber: new Redis(redisOptions),
});

const MESSAGE_ADDED = 'MESSAGE_ADDED';

export const resolvers = {
  Mutation: {
    async sendMessage(_: unknown, args: { channelId: string; text: string }, ctx: Context) {
      if (!ctx.user) throw new Error('Not authenticated');
      const message = await ctx.db.message.create({
        data: { channelId: args.channelId, text: args.text, authorId: ctx.user.id },
      });
      await pubsub.publish(MESSAGE_ADDED, { messageAdded: message });
      return message;
    },
  },
  Subscription: {
    messageAdded: {
      subscribe: withFilter(
        () => pubsub.asyncIterator(MESSAGE_ADDED),
        (payload: { messageAdded: { channelId: string } }, variables: { channelId: string }) =>
          payload.messageAdded.channelId === variables.channelId,
      ),
    },
  },
};
