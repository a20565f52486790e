'use strict';

const fastify = require('fastify')({ logger: true });
const fastq = require('fastq');
const { deliverWebhook } = require('./delivery');

// Outgoing webhook deliveries for customer endpoints.
const deliveries = fastq.promise(async (job) => {
  await deliverWebhook(job.url, job.payload, { secret: job.secret, attempt: job.attempt });
}, 4);

fastify.post('/accounts/:accountId/events', async (request, reply) => {
  const { accountId } = request.params;
  const hooks = await fastify.db.webhooks.forAccount(accountId);
  for (const hook of hooks) {
    deliveries
      .push({ url: hook.url, secret: hook.secret, payload: request.body, attempt: 1 })
      .catch((err) => request.log.warn({ err, accountId }, 'webhook delivery failed'));
  }
  return reply.code(202).send({ queued: hooks.length });
});

fastify.get('/deliveries/backlog', async () => ({ waiting: deliveries.length() }));

module.exports = fastify;
