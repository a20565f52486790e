import { describe, expect, it, beforeEach } from 'vitest';
import Fastify from 'fastify';
import draftRoutes from './drafts.js';

const fakeUsers = new Map<string, { sub: string }>();
let lastUser: { sub: string } | undefined;

async function build() {
  const app = Fastify();
  app.decorate('authenticate', async (request: { headers: Record<string, string>; user: unknown }) => {
    lastUser = fakeUsers.get(request.headers['x-test-user']);
    request.user = lastUser;
  });
  await app.register(draftRoutes);
  return app;
}

describe('draft routes', () => {
  beforeEach(() => {
    fakeUsers.set('alice', { sub: 'alice' });
    fakeUsers.set('bob', { sub: 'bob' });
  });

  it('keeps drafts per user', async () => {
    const app = await build();
    await app.inject({
      method: 'POST',
      url: '/drafts',
      headers: { 'x-test-user': 'alice' },
      payload: { subject: 'hi', body: '', to: [] },
    });
    const bob = await app.inject({ method: 'GET', url: '/drafts', headers: { 'x-test-user': 'bob' } });
    expect(bob.json()).toEqual([]);
    expect(lastUser?.sub).toBe('bob');
  });
});
