import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { verifyAccessToken, type TokenClaims } from "../auth/tokens.js";

interface RequestScope {
  requestId: string;
  claims: TokenClaims;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

// Process-wide total for the /metrics endpoint; it carries no user data.
let handledRequests = 0;

// Keyed by the request object itself, so entries vanish with the request.
const startedAt = new WeakMap<Request, bigint>();

export async function bindRequestScope(
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<void> {
  handledRequests += 1;
  startedAt.set(req, process.hrtime.bigint());

  let claims: TokenClaims;
  try {
    claims = await verifyAccessToken(req.get("authorization"));
  } catch {
    res.status(401).json({ error: "invalid or expired access token" });
    return;
  }

  res.locals.viewer = { id: claims.sub, plan: claims.plan };
  const scope = { requestId: req.get("x-request-id") ?? randomUUID(), claims };
  requestScope.run(scope, () => next());
}

export function logTiming(req: Request, res: Response, next: NextFunction) {
  res.on("finish", () => {
    const began = startedAt.get(req);
    if (began === undefined) return;
    var elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
    var viewer = res.locals.viewer as { id: string } | undefined;
    console.info(
      `${req.method} ${req.path} ${res.statusCode} ${elapsedMs.toFixed(1)}ms user=${viewer?.id ?? "-"}`,
    );
  });
  next();
}

export function currentClaims(): TokenClaims | undefined {
  return requestScope.getStore()?.claims;
}

export function readHandledRequests(): number {
  return handledRequests;
}
