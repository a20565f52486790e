import { NextResponse, type NextRequest } from 'next/server';
import { Redis } from '@upstash/redis';
import { auth } from '@/auth';

const redis = Redis.fromEnv();
const WISHLIST_TTL_SECONDS = 60 * 60 * 24 * 90;

export async function GET() {
  const session = await auth();
  if (!session?.user?.id) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const items = await redis.smembers(`wishlist:${session.user.id}`);
  return NextResponse.json({ items });
}

export async function POST(request: NextRequest) {
  const session = await auth();
  if (!session?.user?.id) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const { productId } = (await request.json()) as { productId?: string };
  if (!productId) {
    return NextResponse.json({ error: 'productId is required' }, { status: 400 });
  }
  const key = `wishlist:${session.user.id}`;
  await redis.sadd(key, productId);
  await redis.expire(key, WISHLIST_TTL_SECONDS);
  return NextResponse.json({ added: productId }, { status: 201 });
}

export async function DELETE(request: NextRequest) {
  const session = await auth();
  const productId = request.nextUrl.searchParams.get('productId');
  if (!session?.user?.id || !productId) {
    return NextResponse.json({ error: 'Bad request' }, { status: 400 });
  }
  await redis.srem(`wishlist:${session.user.id}`, productId);
  return new NextResponse(null, { status: 204 });
}
