import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { getIronSession } from 'iron-session';
import { verifyLogin } from '@/lib/accounts';

interface SessionData {
  userId?: string;
  name?: string;
}

const sessionOptions = {
  password: process.env.SESSION_PASSWORD!,
  cookieName: 'app_session',
  cookieOptions: { secure: true, httpOnly: true, sameSite: 'lax' as const },
};

export async function POST(request: Request) {
  const { email, password } = (await request.json()) as { email?: string; password?: string };
  const account = email && password ? await verifyLogin(email, password) : null;
  if (!account) {
    return NextResponse.json({ error: 'Invalid email or password' }, { status: 401 });
  }
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions);
  session.userId = account.id;
  session.name = account.name;
  await session.save();
  return NextResponse.json({ id: account.id });
}

export async function DELETE() {
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions);
  session.destroy();
  return new NextResponse(null, { status: 204 });
}
