import { createServer, type Server } from "node:http";

import { createHealthHandler, type ReadinessCheck } from "./health-handler.js";

/**
 * Starts the HTTP server of a worker's health endpoints on PORT (default
 * 3000) and HOST (default localhost), the variables Probot's server reads.
 * It serves Probot's `/ping` too, so one liveness probe fits both modes.
 */
export async function startHealthServer(
  env: NodeJS.ProcessEnv,
  checkReadiness: ReadinessCheck,
): Promise<Server> {
  const port = readPort(env.PORT);
  const host = env.HOST?.trim() || "localhost";
  const handle = createHealthHandler(checkReadiness, { ping: true });
  const server = createServer((req, res) => {
    handle(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.writeHead(500).end(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} is already in use. Set PORT to a free port for the worker's health endpoints.`,
            )
          : error,
      );
    });
    server.listen(port, host, resolve);
  });
  return server;
}

function readPort(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return 3000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `PORT is invalid: expected a port number from 0 to 65535, got "${text}".`,
    );
  }
  return port;
}
