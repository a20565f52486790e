import Hapi from "@hapi/hapi";
import Yar from "@hapi/yar";
import { Engine as CatboxRedis } from "@hapi/catbox-redis";
import { createCache } from "cache-manager";
import { Keyv } from "keyv";
import KeyvRedis from "@keyv/redis";
import { loadTenantSettings } from "./tenants.js";

declare module "@hapi/hapi" {
  interface ServerApplicationState {
    startedAt: number;
    build: string;
  }
}

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const settingsCache = createCache({
  stores: [new Keyv({ store: new KeyvRedis(redisUrl), namespace: "tenant" })],
  ttl: 60_000,
});

export async function start() {
  const server = Hapi.server({
    port: Number(process.env.PORT ?? 3000),
    cache: [
      {
        name: "redis-sessions",
        provider: { constructor: CatboxRedis, options: { url: redisUrl } },
      },
    ],
  });

  server.app.startedAt = Date.now();
  server.app.build = process.env.GIT_SHA ?? "dev";

  await server.register({
    plugin: Yar,
    options: {
      name: "sid",
      maxCookieSize: 0,
      cache: { cache: "redis-sessions", expiresIn: 8 * 60 * 60 * 1000 },
      cookieOptions: { password: process.env.YAR_PASSWORD ?? "", isSecure: true },
    },
  });

  server.route([
    {
      method: "GET",
      path: "/status",
      handler: () => ({
        build: server.app.build,
        uptimeMs: Date.now() - server.app.startedAt,
      }),
    },
    {
      method: "GET",
      path: "/tenants/{id}/settings",
      handler: (request) =>
        settingsCache.wrap(`tenant:${request.params.id}`, () =>
          loadTenantSettings(request.params.id),
        ),
    },
    {
      method: "POST",
      path: "/cart/items",
      handler: (request, h) => {
        const items = (request.yar.get("cart") as string[] | undefined) ?? [];
        request.yar.set("cart", [...items, String(request.payload)]);
        return h.response().code(204);
      },
    },
  ]);

  await server.start();
  return server;
}
