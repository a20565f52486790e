import { NextResponse } from "next/server";
import { PrismaClient } from "@prisma/client";
import { LRUCache } from "lru-cache";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

type CatalogPage = {
  category: string;
  page: number;
  products: { id: string; name: string; priceCents: number }[];
};

const PAGE_SIZE = 24;

// Public catalog pages only; a price edit may show up to a minute late.
const catalogPages = new LRUCache<string, CatalogPage>({ max: 200, ttl: 60_000 });

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const category = searchParams.get("category") ?? "all";
  const page = Math.max(1, Number(searchParams.get("page") ?? "1") || 1);
  const cacheKey = `${category}:${page}`;

  let result = catalogPages.get(cacheKey);
  if (!result) {
    const products = await prisma.product.findMany({
      where: category === "all" ? { published: true } : { published: true, category },
      select: { id: true, name: true, priceCents: true },
      orderBy: { name: "asc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    });
    result = { category, page, products };
    catalogPages.set(cacheKey, result);
  }

  return NextResponse.json(result, {
    headers: { "Cache-Control": "public, s-maxage=60, stale-while-revalidate=300" },
  });
}
