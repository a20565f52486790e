import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import { jwtVerify, createRemoteJWKSet } from 'jose';
import { typeDefs } from './schema.js';
import { Accounts } from './accounts.js';

interface Context {
  viewer: { id: string; roles: string[] } | null;
}

const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URL ?? 'https://id.example.test/.well-known/jwks.json'));
const LIMITS = Object.freeze({ maxDepth: 8, maxAliases: 15 });

const resolvers = {
  Query: {
    viewer: (_: unknown, __: unknown, ctx: Context) => ctx.viewer,
    account: async (_: unknown, { id }: { id: string }, ctx: Context) => {
      if (!ctx.viewer) throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
      return Accounts.findVisible(id, ctx.viewer.id);
    },
  },
};

const server = new ApolloServer<Context>({ typeDefs, resolvers });

await startStandaloneServer(server, {
  // The viewer is resolved per request and carried only in the context value.
  context: async ({ req }) => {
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!token) return { viewer: null };
    const { payload } = await jwtVerify(token, jwks, { audience: 'accounts-graph' });
    return { viewer: { id: String(payload.sub), roles: (payload.roles as string[]) ?? [] } };
  },
  listen: { port: Number(process.env.PORT ?? 4007) },
});

console.log('limits', LIMITS);
