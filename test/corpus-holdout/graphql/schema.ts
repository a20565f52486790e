import { GraphQLError } from "graphql";
import { PubSub } from "graphql-subscriptions";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { Db } from "./db.js";

interface Context {
  db: Db;
  viewer: { id: string } | null;
}

const typeDefs = /* GraphQL */ `
  type Comment {
    id: ID!
    postId: ID!
    authorId: ID!
    body: String!
    createdAt: String!
  }
  type Query {
    comments(postId: ID!): [Comment!]!
  }
  type Mutation {
    addComment(postId: ID!, body: String!): Comment!
  }
  type Subscription {
    commentAdded(postId: ID!): Comment!
  }
`;

const events = new PubSub();

function commentTopic(postId: string): string {
  return `COMMENT_ADDED:${postId}`;
}

export const schema = makeExecutableSchema<Context>({
  typeDefs,
  resolvers: {
    Query: {
      comments: (_parent, args: { postId: string }, { db }: Context) =>
        db.comments.byPost(args.postId),
    },
    Mutation: {
      addComment: async (
        _parent,
        args: { postId: string; body: string },
        { db, viewer }: Context,
      ) => {
        if (!viewer) {
          throw new GraphQLError("sign in to comment", {
            extensions: { code: "UNAUTHENTICATED" },
          });
        }
        const comment = await db.comments.insert({
          postId: args.postId,
          authorId: viewer.id,
          body: args.body.trim(),
        });
        await events.publish(commentTopic(args.postId), { commentAdded: comment });
        return comment;
      },
    },
    Subscription: {
      commentAdded: {
        subscribe: (_parent, args: { postId: string }) =>
          events.asyncIterableIterator(commentTopic(args.postId)),
      },
    },
  },
});
