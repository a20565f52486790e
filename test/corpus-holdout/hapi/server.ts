import Hapi from "@hapi/hapi";
import Yar from "@hapi/yar";
import Joi from "joi";
import { priceQuote, type QuoteRequest } from "./pricing.js";

declare module "@hapi/hapi" {
  interface ServerApplicationState {
    lastQuote?: { customerId: string; total: number; at: number };
  }
}

export async function createServer(port = 3000) {
  const server = Hapi.server({
    port,
    host: "127.0.0.1",
    routes: { validate: { failAction: "error" } },
  });

  await server.register({
    plugin: Yar,
    options: {
      name: "quote_session",
      maxCookieSize: 0,
      storeBlank: false,
      cookieOptions: {
        password: process.env.YAR_PASSWORD ?? "",
        isSecure: process.env.NODE_ENV === "production",
        isSameSite: "Lax",
      },
    },
  });

  server.route({
    method: "POST",
    path: "/quotes",
    options: {
      validate: {
        payload: Joi.object({
          customerId: Joi.string().required(),
          items: Joi.array().items(Joi.object()).min(1).required(),
        }),
      },
    },
    handler: async (request, h) => {
      const body = request.payload as QuoteRequest;
      const quote = await priceQuote(body);
      request.yar.set("quote", quote);
      server.app.lastQuote = {
        customerId: body.customerId,
        total: quote.total,
        at: Date.now(),
      };
      return h.response(quote).code(201);
    },
  });

  server.route({
    method: "GET",
    path: "/quotes/current",
    handler: (request, h) =>
      request.yar.get("quote") ??
      h.response({ error: "no quote in this session" }).code(404),
  });

  return server;
}
