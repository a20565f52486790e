import Koa from "koa";
import session from "koa-session";
import Router from "@koa/router";
import { Pool } from "pg";
import { verifyBearer } from "./auth/verify-bearer.js";

declare module "koa" {
  interface DefaultContext {
    db: Pool;
  }
}

type Theme = "light" | "dark";

export function createApp(): Koa {
  const app = new Koa();
  app.keys = (process.env.KOA_KEYS ?? "").split(",").filter(Boolean);

  app.context.db = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: 10,
  });

  // Cookie mode: the signed cookie carries the preferences, nothing stays here.
  app.use(session({ key: "prefs", maxAge: 30 * 86_400_000, signed: true }, app));

  app.use(async (ctx, next) => {
    const claims = await verifyBearer(ctx.get("authorization"));
    if (claims) ctx.state.user = { id: claims.sub, locale: claims.locale ?? "en" };
    await next();
  });

  const router = new Router();

  router.get("/preferences", (ctx) => {
    ctx.body = ctx.session?.prefs ?? {};
  });

  router.put("/preferences/theme/:theme", (ctx) => {
    const theme = ctx.params.theme as Theme;
    if (theme !== "light" && theme !== "dark") ctx.throw(400, `unknown theme ${theme}`);
    ctx.session!.prefs = { ...(ctx.session?.prefs ?? {}), theme };
    ctx.status = 204;
  });

  router.get("/orders", async (ctx) => {
    if (!ctx.state.user) ctx.throw(401, "sign in to list orders");
    const { rows } = await ctx.db.query(
      "select id, total_cents, placed_at from orders where customer_id = $1 order by placed_at desc limit 50",
      [ctx.state.user.id],
    );
    ctx.body = rows;
  });

  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
