import type { IncomingMessage, ServerResponse } from "node:http";

/** Resolves to undefined when ready, else to the reason it is not. */
export type ReadinessCheck = () => Promise<string | undefined>;

/**
 * Creates the handler of `GET /healthz`, which responds 200 while the
 * process runs, and `GET /readyz`, which responds 200 when the process
 * can take work and 503 with the reason when it cannot. With `ping`, it
 * also responds to `GET /ping` with PONG, as Probot's server does. Returns
 * false for any other request, as Probot's server handlers do.
 */
export function createHealthHandler(
  checkReadiness: ReadinessCheck,
  { ping = false } = {},
) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> => {
    if (req.method !== "GET") return false;
    const path = req.url?.split("?")[0];
    if (ping && path === "/ping") {
      res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      return true;
    }
    if (path === "/healthz") {
      sendJson(res, 200, { status: "ok" });
      return true;
    }
    if (path === "/readyz") {
      const reason = await checkReadiness().catch((error: unknown) =>
        error instanceof Error ? error.message : String(error),
      );
      if (reason === undefined) sendJson(res, 200, { status: "ready" });
      else sendJson(res, 503, { status: "not ready", reason });
      return true;
    }
    return false;
  };
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  res
    .writeHead(status, {
      "content-type": "application/json",
      "cache-control": "no-store",
    })
    .end(JSON.stringify(body));
}
