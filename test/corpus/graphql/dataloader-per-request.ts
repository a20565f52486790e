import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import DataLoader from 'dataloader';
import { pool } from './pool.js';
import { typeDefs } from './schema.js';
import { verifyToken } from './auth.js';

type Author = { id: string; name: string };

function createLoaders() {
  return {
    authors: new DataLoader<string, Author | undefined>(async (ids) => {
      const { rows } = await pool.query<Author>('select id, name from authors where id = any($1)', [ids]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id));
    }),
  };
}

interface Context {
  userId: string | null;
  loaders: ReturnType<typeof createLoaders>;
}

const resolvers = {
  Query: {
    books: async () => (await pool.query('select id, title, author_id from books limit 100')).rows,
  },
  Book: {
    author: (book: { author_id: string }, _: unknown, ctx: Context) => ctx.loaders.authors.load(book.author_id),
  },
};

const server = new ApolloServer<Context>({ typeDefs, resolvers });

await startStandaloneServer(server, {
  // A fresh set of loaders per request keeps cached rows from leaking across users.
  context: async ({ req }) => ({
    userId: await verifyToken(req.headers.authorization).catch(() => null),
    loaders: createLoaders(),
  }),
  listen: { port: 4004 },
});
