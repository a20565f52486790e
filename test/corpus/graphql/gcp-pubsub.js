const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const { PubSub } = require('@google-cloud/pubsub');
const { Orders } = require('./orders');

// Google Cloud Pub/Sub client: order events go to a managed topic that the
// fulfilment service consumes.
const pubsub = new PubSub({ projectId: process.env.GCP_PROJECT });
const ordersTopic = pubsub.topic('orders-placed');

const typeDefs = `#graphql
  type Order { id: ID! totalCents: Int! status: String! }
  input LineInput { sku: String! qty: Int! }
  type Mutation { placeOrder(lines: [LineInput!]!): Order! }
  type Query { order(id: ID!): Order }
`;

const resolvers = {
  Query: {
    order: (_, { id }, { user }) => Orders.findForUser(id, user.id),
  },
  Mutation: {
    placeOrder: async (_, { lines }, { user }) => {
      const order = await Orders.create(user.id, lines);
      await ordersTopic.publishMessage({ json: { orderId: order.id, userId: user.id } });
      return order;
    },
  },
};

async function main() {
  const server = new ApolloServer({ typeDefs, resolvers });
  const { url } = await startStandaloneServer(server, {
    context: async ({ req }) => ({ user: await Orders.userFromToken(req.headers.authorization) }),
    listen: { port: 4003 },
  });
  console.log(`orders graph ready at ${url}`);
}

main();
