import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { typeDefs, resolvers } from './schema.js';
import { userFromRequest } from './auth.js';

const cache = new KeyvAdapter(new Keyv({ store: new KeyvRedis(process.env.REDIS_URL), namespace: 'apollo' }));

const server = new ApolloServer<{ userId: string | null }>({
  typeDefs,
  resolvers,
  cache,
  plugins: [responseCachePlugin({ sessionId: async ({ contextValue }) => contextValue.userId })],
});

const { url } = await startStandaloneServer(server, {
  context: async ({ req }) => ({ userId: await userFromRequest(req) }),
  listen: { port: 4006 },
});

console.log(`account graph at ${url}`);
