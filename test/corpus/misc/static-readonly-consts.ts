import express, { type Request, type Response } from 'express';
import { prisma } from './db.js';

export class Pagination {
  static readonly DEFAULT_LIMIT = 20;
  static readonly MAX_LIMIT = 100;
  static readonly SORTABLE = Object.freeze(['createdAt', 'title', 'price'] as const);

  static parse(req: Request): { take: number; skip: number; orderBy: string } {
    const limit = Math.min(Number(req.query.limit) || Pagination.DEFAULT_LIMIT, Pagination.MAX_LIMIT);
    const page = Math.max(1, Number(req.query.page) || 1);
    const sort = String(req.query.sort ?? 'createdAt');
    const orderBy = (Pagination.SORTABLE as readonly string[]).includes(sort) ? sort : 'createdAt';
    return { take: limit, skip: (page - 1) * limit, orderBy };
  }
}

export class ListingsController {
  private readonly defaultRegion: string;

  constructor(region: string) {
    this.defaultRegion = region;
  }

  list = async (req: Request, res: Response) => {
    const { take, skip, orderBy } = Pagination.parse(req);
    const listings = await prisma.listing.findMany({
      where: { region: String(req.query.region ?? this.defaultRegion) },
      take,
      skip,
      orderBy: { [orderBy]: 'desc' },
    });
    res.json(listings);
  };
}

const controller = new ListingsController(process.env.DEFAULT_REGION ?? 'eu');
export const listingsRouter = express.Router().get('/listings', controller.list);
