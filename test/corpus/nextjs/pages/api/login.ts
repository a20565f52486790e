import type { NextApiRequest, NextApiResponse } from 'next';
import { randomBytes } from 'node:crypto';
import { serialize } from 'cookie';
import { verifyPassword } from '@/lib/accounts';

interface Session {
  userId: string;
  email: string;
  expiresAt: number;
}

const sessions: Record<string, Session> = {};
const SESSION_MS = 12 * 60 * 60 * 1000;

export function getSession(req: NextApiRequest): Session | undefined {
  const sid = req.cookies.sid;
  const session = sid ? sessions[sid] : undefined;
  return session && session.expiresAt > Date.now() ? session : undefined;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }
  const { email, password } = req.body as { email?: string; password?: string };
  const account = email && password ? await verifyPassword(email, password) : null;
  if (!account) {
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const sid = randomBytes(32).toString('hex');
  sessions[sid] = { userId: account.id, email: account.email, expiresAt: Date.now() + SESSION_MS };
  res.setHeader(
    'Set-Cookie',
    serialize('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: SESSION_MS / 1000 }),
  );
  return res.status(200).json({ id: account.id });
}
