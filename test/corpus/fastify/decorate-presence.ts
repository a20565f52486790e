import Fastify, { type FastifyInstance } from 'fastify';
import fastifyJwt from '@fastify/jwt';

declare module 'fastify' {
  interface FastifyInstance {
    presence: Map<string, { lastSeen: number; status: string }>;
  }
}

export async function buildServer(): Promise<FastifyInstance> {
  const app = Fastify({ logger: true });
  await app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });
  app.decorate('presence', new Map());

  app.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });

  app.put<{ Body: { status: 'online' | 'away' | 'busy' } }>('/presence', async (request) => {
    const { sub } = request.user as { sub: string };
    app.presence.set(sub, { lastSeen: Date.now(), status: request.body.status });
    return { ok: true };
  });

  app.get<{ Params: { userId: string } }>('/presence/:userId', async (request, reply) => {
    const entry = app.presence.get(request.params.userId);
    if (!entry) {
      return reply.code(404).send({ status: 'offline' });
    }
    return entry;
  });

  return app;
}
