'use strict';

const fastify = require('fastify')({ logger: true });
const { verifyApiToken } = require('./tokens');
const { Reports } = require('./reports');

let activeUser;

fastify.addHook('preHandler', async (request, reply) => {
  const token = request.headers.authorization?.replace(/^Bearer /, '');
  const user = token && (await verifyApiToken(token));
  if (!user) {
    return reply.code(401).send({ error: 'unauthorized' });
  }
  activeUser = user;
});

function ownerFilter() {
  return { organisationId: activeUser.organisationId };
}

fastify.get('/reports', async () => {
  return Reports.list(ownerFilter());
});

fastify.post('/reports', async (request) => {
  const report = await Reports.create({
    ...request.body,
    ...ownerFilter(),
    createdBy: activeUser.id,
  });
  return report;
});

fastify.listen({ port: 3000 });
