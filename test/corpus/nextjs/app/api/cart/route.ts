import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { auth } from '@/auth';
import { getProductsByIds } from '@/lib/catalog';

type CartLine = { productId: string; quantity: number };

const carts = new Map<string, CartLine[]>();

const addLineSchema = z.object({
  productId: z.string().min(1),
  quantity: z.number().int().min(1).max(20),
});

export async function GET() {
  const session = await auth();
  if (!session?.user?.id) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const lines = carts.get(session.user.id) ?? [];
  const products = await getProductsByIds(lines.map((l) => l.productId));
  return NextResponse.json({ lines, products });
}

export async function POST(request: NextRequest) {
  const session = await auth();
  if (!session?.user?.id) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const parsed = addLineSchema.safeParse(await request.json());
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  }
  const lines = carts.get(session.user.id) ?? [];
  const existing = lines.find((l) => l.productId === parsed.data.productId);
  if (existing) {
    existing.quantity += parsed.data.quantity;
  } else {
    lines.push(parsed.data);
  }
  carts.set(session.user.id, lines);
  return NextResponse.json({ lines }, { status: 201 });
}

export async function DELETE() {
  const session = await auth();
  if (session?.user?.id) carts.delete(session.user.id);
  return new NextResponse(null, { status: 204 });
}
