import Fastify, { type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { findTenantBySlug } from './tenants.js';

declare module 'fastify' {
  interface Session {
    tenantSlug?: string;
    userId?: string;
  }
}

const app = Fastify({ logger: true });

await app.register(fastifyCookie);
await app.register(fastifySession, {
  secret: process.env.SESSION_SECRET!,
  store: new fastifySession.MemoryStore(),
  cookie: { secure: true, sameSite: 'lax' },
});

async function requireTenant(request: FastifyRequest) {
  if (!request.session.tenantSlug) {
    throw Object.assign(new Error('select a workspace first'), { statusCode: 409 });
  }
}

app.post<{ Body: { slug: string } }>('/workspace', async (request, reply) => {
  const tenant = await findTenantBySlug(request.body.slug);
  if (!tenant) {
    return reply.code(404).send({ error: 'workspace not found' });
  }
  request.session.tenantSlug = tenant.slug;
  return { workspace: tenant.slug };
});

app.get('/workspace', { preHandler: requireTenant }, async (request) => ({
  workspace: request.session.tenantSlug,
}));

export default app;
