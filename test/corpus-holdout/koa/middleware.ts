import type Koa from "koa";
import type { Middleware } from "koa";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

declare module "koa" {
  interface DefaultContext {
    locale: string;
  }
}

const SUPPORTED_LOCALES = ["en", "de", "fr"] as const;

const searchLimiter = new RateLimiterMemory({
  keyPrefix: "search",
  points: 30,
  duration: 60,
});

export function throttleSearch(): Middleware {
  return async (ctx, next) => {
    const key: string = ctx.state.user?.id ?? ctx.ip;
    try {
      await searchLimiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        ctx.set("Retry-After", String(Math.ceil(rejection.msBeforeNext / 1000)));
        ctx.throw(429, "search rate limit reached, retry shortly");
      }
      throw rejection;
    }
    await next();
  };
}

export function applyUserLocale(app: Koa): Middleware {
  return async (ctx, next) => {
    const preferred: string | undefined = ctx.state.user?.locale;
    const negotiated = ctx.acceptsLanguages(...SUPPORTED_LOCALES) || "en";
    app.context.locale = preferred ?? negotiated;
    await next();
  };
}

export function formatPrice(ctx: Koa.Context, cents: number, currency: string) {
  return new Intl.NumberFormat(ctx.locale, { style: "currency", currency }).format(
    cents / 100,
  );
}
