import Fastify from 'fastify';
import fastifyCookie from 'fastify-cookie';
import fastifySession from 'fastify-session';
import { listInvoices } from './billing.mjs';

const app = Fastify({ logger: { level: 'info' } });

const sessionOptions = {
  secret: process.env.SESSION_SECRET,
  cookie: { secure: process.env.NODE_ENV === 'production' },
  expires: 1800000,
};

app.register(fastifyCookie);
app.register(fastifySession, sessionOptions);

app.addHook('preHandler', async (request, reply) => {
  if (request.routerPath === '/login') return;
  if (!request.session.accountId) {
    reply.code(401).send({ error: 'login required' });
  }
});

app.post('/login', async (request) => {
  request.session.accountId = request.body.accountId;
  return { ok: true };
});

app.get('/invoices', async (request) => {
  return listInvoices(request.session.accountId, { status: request.query.status });
});

await app.listen({ port: 3000 });
