const { withFilter } = require('graphql-subscriptions');
const { GraphQLError } = require('graphql');
const { pubsub, EVENTS } = require('./pubsub');
const { Channels, Messages } = require('./store');

const resolvers = {
  Query: {
    messages: (_, { channelId, last = 50 }) => Messages.latest(channelId, Math.min(last, 200)),
  },
  Mutation: {
    postMessage: async (_, { channelId, text }, { user }) => {
      if (!user) throw new GraphQLError('Sign in to post');
      const message = await Messages.create({ channelId, text, authorId: user.id });
      await pubsub.publish(EVENTS.MESSAGE_POSTED, { messagePosted: message });
      return message;
    },
    joinChannel: async (_, { channelId }, { user }) => {
      const member = await Channels.addMember(channelId, user.id);
      await pubsub.publish(EVENTS.MEMBER_JOINED, { memberJoined: member });
      return member;
    },
  },
  Subscription: {
    messagePosted: {
      subscribe: withFilter(
        () => pubsub.asyncIterator(EVENTS.MESSAGE_POSTED),
        (payload, variables) => payload.messagePosted.channelId === variables.channelId
      ),
    },
    memberJoined: {
      subscribe: () => pubsub.asyncIterator(EVENTS.MEMBER_JOINED),
    },
  },
};

module.exports = { resolvers };
