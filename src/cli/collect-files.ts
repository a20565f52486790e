import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";

import { isAnalyzablePath } from "../engine/file-kind.js";
import type { SourceInput } from "../types.js";
import { CliError } from "./cli-error.js";

/** Folders that hold dependencies, build output or tool state, never the project's own server code. */
const IGNORED_FOLDERS = new Set([
  "node_modules",
  ".git",
  "dist",
  "build",
  "coverage",
  "vendor",
  ".next",
  ".nuxt",
  "out",
  ".turbo",
  ".cache",
]);

function toRepositoryPath(root: string, absolutePath: string): string {
  return relative(root, absolutePath).split(sep).join("/");
}

/**
 * Reads the JavaScript and TypeScript files under the given paths, with
 * paths relative to `root`. A path that does not exist is an input error.
 */
export async function collectFiles(
  root: string,
  paths: readonly string[],
  cwd: string,
): Promise<SourceInput[]> {
  const found = new Map<string, string>();

  const visit = async (absolutePath: string): Promise<void> => {
    const entries = await readdir(absolutePath, { withFileTypes: true });
    for (const entry of entries) {
      const child = join(absolutePath, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_FOLDERS.has(entry.name)) await visit(child);
      } else if (entry.isFile() && isAnalyzablePath(entry.name)) {
        found.set(child, toRepositoryPath(root, child));
      }
    }
  };

  for (const path of paths) {
    const absolutePath = resolve(cwd, path);
    const stats = await stat(absolutePath).catch(() => undefined);
    if (!stats)
      throw new CliError(
        `${path} does not exist; pass files or folders to scan.`,
      );
    if (stats.isDirectory()) await visit(absolutePath);
    else found.set(absolutePath, toRepositoryPath(root, absolutePath));
  }

  const files: SourceInput[] = [];
  for (const [absolutePath, path] of found) {
    files.push({ path, text: await readFile(absolutePath, "utf8") });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
