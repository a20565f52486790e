import type Koa from "koa";
import session from "koa-session";

interface StoredSession {
  data: Record<string, unknown>;
  expiresAt: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const sessionRows = new Map<string, StoredSession>();

const processStore = {
  async get(key: string) {
    const row = sessionRows.get(key);
    if (!row || row.expiresAt < Date.now()) {
      sessionRows.delete(key);
      return undefined;
    }
    return row.data;
  },
  async set(key: string, sess: Record<string, unknown>, maxAge?: number | "session") {
    const ttl = typeof maxAge === "number" ? maxAge : DAY_MS;
    sessionRows.set(key, { data: sess, expiresAt: Date.now() + ttl });
  },
  async destroy(key: string) {
    sessionRows.delete(key);
  },
};

export function mountSessions(app: Koa): void {
  const config: Partial<session.opts> = {
    key: "koa.sess",
    maxAge: DAY_MS,
    httpOnly: true,
    rolling: true,
  };
  // Saved searches outgrew the 4 KB cookie, so sessions moved server-side.
  config.store = processStore;
  app.use(session(config, app));

  app.use(async (ctx, next) => {
    if (ctx.method === "POST" && ctx.path === "/searches") {
      const saved = (ctx.session?.savedSearches as string[] | undefined) ?? [];
      const query = String((ctx.request as { body?: { q?: string } }).body?.q ?? "");
      ctx.session!.savedSearches = [query, ...saved].slice(0, 20);
      ctx.status = 201;
      return;
    }
    await next();
  });
}
