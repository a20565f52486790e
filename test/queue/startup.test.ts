import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(
  new URL("../../src/github/main.ts", import.meta.url),
);
const TSX_LOADER = import.meta.resolve("tsx");

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) {
    rmSync(directory, { recursive: true, force: true });
  }
});

/** Starts the entry point in an empty folder with only the given variables. */
function startMain(env: Record<string, string>, args: string[] = []) {
  const cwd = mkdtempSync(join(tmpdir(), "structra-queue-main-"));
  directories.push(cwd);
  return spawnSync(process.execPath, ["--import", TSX_LOADER, MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("startup", () => {
  it("rejects worker mode without REDIS_URL", () => {
    const result = startMain({ APP_ID: "1" }, ["--worker"]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "REDIS_URL is missing, and worker mode needs it",
    );
  });

  it("rejects a worker without APP_ID", () => {
    // The credentials are checked before any connection to Redis.
    const result = startMain({
      STRUCTRA_MODE: "worker",
      REDIS_URL: "redis://127.0.0.1:6379",
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("APP_ID is missing");
  });

  it("rejects an invalid REDIS_URL", () => {
    const result = startMain({ REDIS_URL: "localhost:6379" });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("REDIS_URL is invalid");
  });

  it("rejects an unknown STRUCTRA_MODE", () => {
    const result = startMain({ STRUCTRA_MODE: "both" });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("STRUCTRA_MODE is invalid");
  });
});
