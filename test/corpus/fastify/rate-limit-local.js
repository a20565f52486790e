import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { sendPasswordReset } from './mail.js';
import { findUserByEmail } from './users.js';

const fastify = Fastify({ logger: true });

await fastify.register(rateLimit, {
  global: false,
  max: 5,
  timeWindow: '1 minute',
  keyGenerator: (request) => request.body?.email ?? request.ip,
});

fastify.post(
  '/password/forgot',
  { config: { rateLimit: { max: 3, timeWindow: '15 minutes' } } },
  async (request, reply) => {
    const user = await findUserByEmail(request.body.email);
    if (user) {
      await sendPasswordReset(user);
    }
    return reply.code(202).send({ message: 'check your inbox' });
  }
);

fastify.get('/status', async () => ({ up: true }));

await fastify.listen({ port: 3000 });
