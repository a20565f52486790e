import Hapi, { type Request, type ResponseToolkit } from '@hapi/hapi';
import Joi from 'joi';
import { priceLines } from './pricing.js';

interface CartLine {
  sku: string;
  qty: number;
}

export async function createServer() {
  const server = Hapi.server({ port: 4000 });
  server.app.carts = new Map<string, CartLine[]>();

  server.route({
    method: 'PUT',
    path: '/cart/{sku}',
    options: {
      auth: 'jwt',
      validate: { payload: Joi.object({ qty: Joi.number().integer().min(0).max(99) }) },
    },
    handler: async (request: Request, h: ResponseToolkit) => {
      const userId = request.auth.credentials.sub as string;
      const { qty } = request.payload as { qty: number };
      const lines = (server.app.carts.get(userId) ?? []).filter((l) => l.sku !== request.params.sku);
      if (qty > 0) lines.push({ sku: request.params.sku, qty });
      request.server.app.carts.set(userId, lines);
      return h.response(await priceLines(lines)).code(200);
    },
  });

  server.route({
    method: 'GET',
    path: '/cart',
    options: { auth: 'jwt' },
    handler: async (request: Request) => {
      const userId = request.auth.credentials.sub as string;
      return priceLines(server.app.carts.get(userId) ?? []);
    },
  });

  return server;
}
