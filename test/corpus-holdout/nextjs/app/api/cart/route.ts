import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { auth } from "@/auth";
import { getProductPrice } from "@/lib/catalog";

type CartItem = { productId: string; quantity: number; priceCents: number };

const cartsByShopper = new Map<string, CartItem[]>();

const AddItem = z.object({
  productId: z.string().min(1),
  quantity: z.number().int().min(1).max(20),
});

function unauthorized() {
  return NextResponse.json({ error: "sign in to use the cart" }, { status: 401 });
}

export async function GET() {
  const session = await auth();
  if (!session?.user?.id) return unauthorized();
  return NextResponse.json({ items: cartsByShopper.get(session.user.id) ?? [] });
}

export async function POST(request: NextRequest) {
  const session = await auth();
  if (!session?.user?.id) return unauthorized();

  const parsed = AddItem.safeParse(await request.json());
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  }
  const priceCents = await getProductPrice(parsed.data.productId);
  if (priceCents === null) {
    return NextResponse.json(
      { error: `product ${parsed.data.productId} not found` },
      { status: 404 },
    );
  }

  const items = cartsByShopper.get(session.user.id) ?? [];
  items.push({ ...parsed.data, priceCents });
  cartsByShopper.set(session.user.id, items);
  return NextResponse.json({ items }, { status: 201 });
}

export async function DELETE() {
  const session = await auth();
  if (!session?.user?.id) return unauthorized();
  cartsByShopper.delete(session.user.id);
  return new NextResponse(null, { status: 204 });
}
