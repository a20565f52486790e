import type { NextApiRequest, NextApiResponse } from 'next';
import { getIronSession } from 'iron-session';
import { prisma } from '@/lib/prisma';

export interface AppSession {
  userId?: string;
  lastSeenAt?: number;
}

const sessionOptions = {
  password: process.env.SESSION_PASSWORD as string,
  cookieName: 'app_session',
  cookieOptions: { secure: process.env.NODE_ENV === 'production' },
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getIronSession<AppSession>(req, res, sessionOptions);
  if (!session.userId) {
    return res.status(401).json({ error: 'Not signed in' });
  }
  if (req.method === 'DELETE') {
    session.destroy();
    return res.status(204).end();
  }
  session.lastSeenAt = Date.now();
  await session.save();
  const user = await prisma.user.findUnique({
    where: { id: session.userId },
    select: { id: true, name: true, email: true, plan: true },
  });
  return res.status(200).json(user);
}
