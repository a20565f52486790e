import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";

import { readRunMode } from "../queue/run-mode.js";
import { startAppServer } from "../queue/start-app-server.js";
import { startWorker } from "../queue/start-worker.js";
import { checkStartupEnv } from "./start-checks.js";

/**
 * Reads `.env` from the working directory. Probot loads the same file
 * when it starts, so the startup check has to see its values too.
 */
function readDotEnv(): Record<string, string> {
  try {
    return parseEnv(readFileSync(".env", "utf8")) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

// The same program serves webhooks or, in worker mode, runs queued reviews.
try {
  const env = { ...process.env, ...readDotEnv() };
  if (readRunMode(process.argv.slice(2), env) === "worker") {
    await startWorker(env);
  } else {
    checkStartupEnv(env);
    await startAppServer(env);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
