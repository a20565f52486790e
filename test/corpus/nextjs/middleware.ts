import { NextResponse, type NextRequest } from 'next/server';

const WINDOW_MS = 60_000;
const LIMIT = 30;

// ip -> timestamps of recent requests to the auth endpoints
const hits = new Map<string, number[]>();

export function middleware(request: NextRequest) {
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown';
  const now = Date.now();
  const recent = (hits.get(ip) ?? []).filter((t) => now - t < WINDOW_MS);
  recent.push(now);
  hits.set(ip, recent);

  if (recent.length > LIMIT) {
    return NextResponse.json(
      { error: 'Too many requests' },
      { status: 429, headers: { 'Retry-After': String(Math.ceil(WINDOW_MS / 1000)) } },
    );
  }
  const response = NextResponse.next();
  response.headers.set('X-RateLimit-Remaining', String(Math.max(0, LIMIT - recent.length)));
  return response;
}

export const config = {
  matcher: ['/api/auth/:path*', '/api/login'],
};
