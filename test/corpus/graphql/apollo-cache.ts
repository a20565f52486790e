import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { typeDefs, resolvers } from './schema.js';
import { userFromRequest } from './auth.js';

interface Context {
  userId: string | null;
}

const server = new ApolloServer<Context>({
  typeDefs,
  resolvers,
  cache: new InMemoryLRUCache({ maxSize: 100 * 1024 * 1024, ttl: 300 }),
  plugins: [
    // Private fields (the viewer's orders and balance) are cached per user.
    responseCachePlugin({
      sessionId: async ({ contextValue }) => contextValue.userId,
    }),
  ],
});

const { url } = await startStandaloneServer(server, {
  context: async ({ req }) => ({ userId: await userFromRequest(req) }),
  listen: { port: 4005 },
});

console.log(`account graph at ${url}`);
