import picomatch from "picomatch";

import { normalizePath } from "../engine/analyze.js";
import type { StructraConfig } from "./config.js";

/**
 * Creates a predicate that is true for a repository path matching one of
 * `paths.include` and none of `paths.exclude`. Globs match dot files and
 * dot folders too, so the default `**\/*` includes `.github/`.
 */
export function createPathFilter(
  paths: StructraConfig["paths"],
): (path: string) => boolean {
  const options = { dot: true };
  const isIncluded = picomatch(paths.include, options);
  const isExcluded =
    paths.exclude.length > 0 ? picomatch(paths.exclude, options) : () => false;

  return (path) => {
    const normalized = normalizePath(path);
    return isIncluded(normalized) && !isExcluded(normalized);
  };
}
