import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { PrismaService } from '../prisma/prisma.service';

interface Category {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

// Categories are shared by all users, loaded at start-up and refreshed from
// the database every five minutes; Postgres stays the source of truth.
@Injectable()
export class CatalogService implements OnModuleInit {
  private readonly logger = new Logger(CatalogService.name);
  private categoriesBySlug = new Map<string, Category>();

  constructor(private readonly prisma: PrismaService) {}

  async onModuleInit() {
    await this.reload();
  }

  @Interval(5 * 60 * 1000)
  async reload() {
    const rows = await this.prisma.category.findMany({ where: { visible: true } });
    this.categoriesBySlug = new Map(rows.map((c) => [c.slug, c]));
    this.logger.debug(`loaded ${rows.length} categories`);
  }

  bySlug(slug: string): Category | undefined {
    return this.categoriesBySlug.get(slug);
  }

  children(parentId: string): Category[] {
    return [...this.categoriesBySlug.values()].filter((c) => c.parentId === parentId);
  }
}
