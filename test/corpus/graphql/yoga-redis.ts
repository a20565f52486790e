import { createServer } from 'node:http';
import { createPubSub, createSchema, createYoga } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { prisma } from './prisma.js';

const publishClient = new Redis(process.env.REDIS_URL!);
const subscribeClient = new Redis(process.env.REDIS_URL!);

const pubSub = createPubSub<{ 'ticket:updated': [ticketId: string, status: string] }>({
  eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
});

const yoga = createYoga({
  schema: createSchema({
    typeDefs: /* GraphQL */ `
      type Query { ticketStatus(id: ID!): String }
      type Mutation { setTicketStatus(id: ID!, status: String!): String! }
      type Subscription { ticketStatus(id: ID!): String! }
    `,
    resolvers: {
      Query: {
        ticketStatus: async (_, { id }) => (await prisma.ticket.findUnique({ where: { id } }))?.status,
      },
      Mutation: {
        setTicketStatus: async (_, { id, status }) => {
          await prisma.ticket.update({ where: { id }, data: { status } });
          pubSub.publish('ticket:updated', id, status);
          return status;
        },
      },
      Subscription: {
        ticketStatus: {
          subscribe: (_, { id }) => pubSub.subscribe('ticket:updated', id),
          resolve: (status: string) => status,
        },
      },
    },
  }),
});

createServer(yoga).listen(4002);
