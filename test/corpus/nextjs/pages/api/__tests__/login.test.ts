import { describe, it, expect, vi } from 'vitest';
import { createMocks } from 'node-mocks-http';
import handler, { getSession } from '../login';

vi.mock('@/lib/accounts', () => ({
  verifyPassword: vi.fn(async (email: string) => (email === 'a@example.test' ? { id: 'u1', email } : null)),
}));

const issued = new Map<string, string>();

describe('POST /api/login', () => {
  it('sets a session cookie for valid credentials', async () => {
    const { req, res } = createMocks({ method: 'POST', body: { email: 'a@example.test', password: 'pw' } });
    await handler(req as never, res as never);
    expect(res._getStatusCode()).toBe(200);
    const cookie = String(res.getHeader('Set-Cookie'));
    const sid = /sid=([a-f0-9]+)/.exec(cookie)?.[1] ?? '';
    issued.set('u1', sid);
    const session = getSession({ cookies: { sid } } as never);
    expect(session?.userId).toBe('u1');
  });

  it('rejects a wrong password', async () => {
    const { req, res } = createMocks({ method: 'POST', body: { email: 'b@example.test', password: 'x' } });
    await handler(req as never, res as never);
    expect(res._getStatusCode()).toBe(401);
  });
});
