import type { FastifyPluginAsync } from 'fastify';
import { randomUUID } from 'node:crypto';

interface Draft {
  id: string;
  subject: string;
  body: string;
  to: string[];
  updatedAt: number;
}

// userId -> drafts, newest first
const drafts = new Map<string, Draft[]>();

const draftRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.get('/drafts', async (request) => {
    return drafts.get(request.user.sub) ?? [];
  });

  fastify.post<{ Body: Omit<Draft, 'id' | 'updatedAt'> }>('/drafts', async (request, reply) => {
    const draft: Draft = { ...request.body, id: randomUUID(), updatedAt: Date.now() };
    const list = drafts.get(request.user.sub) ?? [];
    drafts.set(request.user.sub, [draft, ...list].slice(0, 100));
    return reply.code(201).send(draft);
  });

  fastify.delete<{ Params: { id: string } }>('/drafts/:id', async (request, reply) => {
    const list = drafts.get(request.user.sub) ?? [];
    drafts.set(
      request.user.sub,
      list.filter((d) => d.id !== request.params.id),
    );
    return reply.code(204).send();
  });
};

export default draftRoutes;
