import Fastify from 'fastify';
import fastifySecureSession from '@fastify/secure-session';
import { readFileSync } from 'node:fs';
import { authenticate } from './auth.js';

declare module '@fastify/secure-session' {
  interface SessionData {
    userId: string;
    theme: 'light' | 'dark';
  }
}

const app = Fastify({ logger: true });

// Sealed cookie: the session data travels with the client.
await app.register(fastifySecureSession, {
  key: readFileSync(new URL('./session-key', import.meta.url)),
  cookieName: 'app-session',
  cookie: { path: '/', httpOnly: true, sameSite: 'lax' },
  expiry: 24 * 60 * 60,
});

app.post<{ Body: { email: string; password: string } }>('/login', async (request, reply) => {
  const user = await authenticate(request.body.email, request.body.password);
  if (!user) {
    return reply.code(401).send({ error: 'invalid credentials' });
  }
  request.session.set('userId', user.id);
  return { id: user.id };
});

app.put<{ Body: { theme: 'light' | 'dark' } }>('/preferences/theme', async (request) => {
  request.session.set('theme', request.body.theme === 'dark' ? 'dark' : 'light');
  return { theme: request.session.get('theme') };
});

app.post('/logout', async (request) => {
  request.session.delete();
  return { ok: true };
});

export default app;
