import { NextResponse, type NextRequest } from 'next/server';
import { LRUCache } from 'lru-cache';
import { prisma } from '@/lib/prisma';

type Category = { id: string; slug: string; name: string; productCount: number };

// Categories are public and change a few times a day.
const categoryCache = new LRUCache<string, Category[]>({ max: 50, ttl: 5 * 60 * 1000 });

async function loadCategories(locale: string): Promise<Category[]> {
  const cached = categoryCache.get(locale);
  if (cached) return cached;
  const rows = await prisma.category.findMany({
    where: { locale, visible: true },
    select: { id: true, slug: true, name: true, _count: { select: { products: true } } },
  });
  const categories = rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, productCount: r._count.products }));
  categoryCache.set(locale, categories);
  return categories;
}

export async function GET(request: NextRequest) {
  const locale = request.nextUrl.searchParams.get('locale') ?? 'en';
  const category = request.nextUrl.searchParams.get('category');
  const categories = await loadCategories(locale);
  const products = await prisma.product.findMany({
    where: { published: true, ...(category ? { category: { slug: category } } : {}) },
    take: 48,
    orderBy: { popularity: 'desc' },
  });
  return NextResponse.json({ categories, products });
}
