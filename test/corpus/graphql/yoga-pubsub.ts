import { createServer } from 'node:http';
import { createPubSub, createSchema, createYoga, filter, pipe } from 'graphql-yoga';
import { verifyJwt } from './auth.js';
import { prisma } from './prisma.js';

type Bid = { auctionId: string; amountCents: number; bidderId: string };

const pubSub = createPubSub<{ bidPlaced: [auctionId: string, bid: Bid] }>();

const yoga = createYoga({
  schema: createSchema({
    typeDefs: /* GraphQL */ `
      type Bid { auctionId: ID! amountCents: Int! bidderId: ID! }
      type Query { highestBid(auctionId: ID!): Bid }
      type Mutation { placeBid(auctionId: ID!, amountCents: Int!): Bid! }
      type Subscription { bidPlaced(auctionId: ID!): Bid! }
    `,
    resolvers: {
      Query: {
        highestBid: (_, { auctionId }) =>
          prisma.bid.findFirst({ where: { auctionId }, orderBy: { amountCents: 'desc' } }),
      },
      Mutation: {
        placeBid: async (_, { auctionId, amountCents }, ctx) => {
          const bid = await prisma.bid.create({ data: { auctionId, amountCents, bidderId: ctx.userId } });
          pubSub.publish('bidPlaced', auctionId, bid);
          return bid;
        },
      },
      Subscription: {
        bidPlaced: {
          subscribe: (_, { auctionId }) => pipe(pubSub.subscribe('bidPlaced', auctionId), filter(Boolean)),
          resolve: (bid: Bid) => bid,
        },
      },
    },
  }),
  context: async ({ request }) => ({ userId: await verifyJwt(request.headers.get('authorization')) }),
});

createServer(yoga).listen(4001);
