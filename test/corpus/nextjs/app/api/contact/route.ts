import { NextResponse } from 'next/server';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { sendContactMail } from '@/lib/mail';

// Counters live in Upstash Redis, shared by every function instance.
const ratelimit = new Ratelimit({
  redis: Redis.fromEnv(),
  limiter: Ratelimit.slidingWindow(5, '10 m'),
  prefix: 'rl:contact',
});

export async function POST(request: Request) {
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0] ?? '127.0.0.1';
  const { success, reset } = await ratelimit.limit(ip);
  if (!success) {
    return NextResponse.json(
      { error: 'Too many messages, please wait' },
      { status: 429, headers: { 'Retry-After': String(Math.ceil((reset - Date.now()) / 1000)) } },
    );
  }
  const { email, message } = (await request.json()) as { email?: string; message?: string };
  if (!email || !message) {
    return NextResponse.json({ error: 'email and message are required' }, { status: 400 });
  }
  await sendContactMail(email, message.slice(0, 5000));
  return NextResponse.json({ sent: true }, { status: 202 });
}
