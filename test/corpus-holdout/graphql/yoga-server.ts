import { createServer } from "node:http";
import { createPubSub, createSchema, createYoga } from "graphql-yoga";
import { GraphQLError } from "graphql";
import { verifyViewer, type Viewer } from "./auth.js";
import { recordVote } from "./polls.js";

type VotePayload = { pollId: string; option: string; total: number };

const pubSub = createPubSub<{ "poll:voted": [pollId: string, payload: VotePayload] }>();

interface Context {
  viewer: Viewer | null;
}

const schema = createSchema<Context>({
  typeDefs: /* GraphQL */ `
    type VoteTally {
      pollId: ID!
      option: String!
      total: Int!
    }
    type Query {
      ping: String!
    }
    type Mutation {
      vote(pollId: ID!, option: String!): VoteTally!
    }
    type Subscription {
      pollVoted(pollId: ID!): VoteTally!
    }
  `,
  resolvers: {
    Query: { ping: () => "pong" },
    Mutation: {
      vote: async (_: unknown, args: { pollId: string; option: string }, ctx: Context) => {
        if (!ctx.viewer) throw new GraphQLError("sign in to vote");
        const total = await recordVote(args.pollId, args.option, ctx.viewer.id);
        const tally = { pollId: args.pollId, option: args.option, total };
        pubSub.publish("poll:voted", args.pollId, tally);
        return tally;
      },
    },
    Subscription: {
      pollVoted: {
        subscribe: (_: unknown, args: { pollId: string }) =>
          pubSub.subscribe("poll:voted", args.pollId),
        resolve: (payload: VotePayload) => payload,
      },
    },
  },
});

export const yoga = createYoga<Context>({
  schema,
  context: async ({ request }) => ({
    viewer: await verifyViewer(request.headers.get("authorization")),
  }),
});

createServer(yoga).listen(Number(process.env.PORT ?? 4000));
