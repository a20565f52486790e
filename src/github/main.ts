import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";

import { run } from "probot";

import app from "./app.js";
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

try {
  checkStartupEnv({ ...process.env, ...readDotEnv() });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await run(app);
