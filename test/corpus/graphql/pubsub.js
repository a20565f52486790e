const { PubSub } = require('graphql-subscriptions');

// One event bus for every resolver module.
const pubsub = new PubSub();

const EVENTS = Object.freeze({
  MESSAGE_POSTED: 'MESSAGE_POSTED',
  MEMBER_JOINED: 'MEMBER_JOINED',
});

module.exports = { pubsub, EVENTS };
