import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const MAIN = join(ROOT, "dist/github/main.js");

/** Maximum wait for another test file's build, in milliseconds. */
const BUILD_WAIT_MS = 120_000;

/**
 * Builds the app with `npm run build` when `dist` is missing or older
 * than a source file. Test files run in parallel, so a lock directory
 * lets one of them build while the others wait.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(tmpdir(), `structra-e2e-build-${hashPath(ROOT)}`);
  const deadline = Date.now() + BUILD_WAIT_MS;
  while (!isBuildFresh()) {
    if (tryLock(lock)) {
      try {
        if (!isBuildFresh()) build();
      } finally {
        rmdirSync(lock);
      }
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for the build lock ${lock}`);
    }
    await sleep(500);
  }
}

function build(): void {
  const result = spawnSync("npm", ["run", "build"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  // tsc emits even with type errors elsewhere in the tree, so only a
  // missing entry point fails the suite.
  if (!isBuildFresh()) {
    throw new Error(
      `npm run build did not produce ${MAIN}:\n${result.stdout}${result.stderr}`,
    );
  }
}

function isBuildFresh(): boolean {
  let built: number;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    return false;
  }
  return newestSource(join(ROOT, "src")) <= built;
}

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const time = entry.isDirectory()
      ? newestSource(path)
      : entry.name.endsWith(".ts")
        ? statSync(path).mtimeMs
        : 0;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** A lock older than this was left by a test run that was killed. */
const STALE_LOCK_MS = 10 * 60_000;

function tryLock(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmdirSync(lock);
  } catch {
    // No lock to clear.
  }
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function hashPath(path: string): string {
  let hash = 0;
  for (const char of path) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return (hash >>> 0).toString(16);
}
