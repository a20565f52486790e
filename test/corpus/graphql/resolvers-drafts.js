const { GraphQLError } = require('graphql');
const { Articles } = require('./articles');

// userId -> { [articleId]: { title, body, savedAt } }
const draftsByUser = {};

function requireUser(context) {
  if (!context.user) {
    throw new GraphQLError('You must be signed in', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return context.user;
}

const resolvers = {
  Query: {
    myDrafts: (_parent, _args, context) => {
      const user = requireUser(context);
      return Object.entries(draftsByUser[user.id] || {}).map(([articleId, d]) => ({ articleId, ...d }));
    },
  },
  Mutation: {
    saveDraft: (_parent, { articleId, title, body }, context) => {
      const user = requireUser(context);
      draftsByUser[user.id] = draftsByUser[user.id] || {};
      draftsByUser[user.id][articleId] = { title, body, savedAt: new Date().toISOString() };
      return { articleId, title, body };
    },
    publishDraft: async (_parent, { articleId }, context) => {
      const user = requireUser(context);
      const draft = draftsByUser[user.id] && draftsByUser[user.id][articleId];
      if (!draft) throw new GraphQLError('No draft to publish');
      const article = await Articles.update(articleId, { title: draft.title, body: draft.body, editorId: user.id });
      delete draftsByUser[user.id][articleId];
      return article;
    },
  },
};

module.exports = { resolvers };
