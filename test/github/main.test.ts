import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

/** Starts the entry point in an empty folder with only the given variables set. */
function startMain(env: Record<string, string>, dotEnv?: string) {
  const cwd = mkdtempSync(join(tmpdir(), "structra-main-"));
  directories.push(cwd);
  if (dotEnv !== undefined) writeFileSync(join(cwd, ".env"), dotEnv);
  return spawnSync(process.execPath, ["--import", TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("main", () => {
  it("refuses production without WEBHOOK_SECRET", () => {
    const result = startMain({ NODE_ENV: "production" });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("WEBHOOK_SECRET is missing");
  });

  it("reads WEBHOOK_SECRET from .env", () => {
    // With the secret present the check passes and Probot itself stops at
    // the missing APP_ID, before it opens any port.
    const result = startMain(
      { NODE_ENV: "production" },
      "WEBHOOK_SECRET=s3cret\n",
    );

    expect(result.status).not.toBe(0);
    expect(result.stderr).not.toContain("WEBHOOK_SECRET is missing");
    expect(result.stderr).toContain("APP_ID");
  });
});
