import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@apollo/server/express4';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { PubSub } from 'graphql-subscriptions';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/lib/use/ws';
import express from 'express';
import { createServer } from 'node:http';
import { db } from './db.js';

const pubsub = new PubSub();
const ORDER_UPDATED = 'ORDER_UPDATED';

const typeDefs = `#graphql
  type Order { id: ID! status: String! updatedAt: String! }
  type Query { order(id: ID!): Order }
  type Mutation { setOrderStatus(id: ID!, status: String!): Order }
  type Subscription { orderUpdated(id: ID!): Order }
`;

const resolvers = {
  Query: {
    order: (_: unknown, { id }: { id: string }) => db.order.findUnique({ where: { id } }),
  },
  Mutation: {
    setOrderStatus: async (_: unknown, { id, status }: { id: string; status: string }) => {
      const order = await db.order.update({ where: { id }, data: { status } });
      await pubsub.publish(ORDER_UPDATED, { orderUpdated: order });
      return order;
    },
  },
  Subscription: {
    orderUpdated: {
      subscribe: () => pubsub.asyncIterableIterator(ORDER_UPDATED),
    },
  },
};

const schema = makeExecutableSchema({ typeDefs, resolvers });
const app = express();
const httpServer = createServer(app);
const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
useServer({ schema }, wsServer);

const server = new ApolloServer({ schema });
await server.start();
app.use('/graphql', express.json(), expressMiddleware(server));
httpServer.listen(4000);
