import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { parseGitDiff } from "../../src/diff/index.js";

const GOLDEN_DIR = fileURLToPath(new URL("./golden/", import.meta.url));

const REQUIRED_CASES = [
  "several-hunks",
  "new-file",
  "removed-file",
  "rename-unchanged",
  "rename-with-changes",
  "binary",
  "no-newline-old",
  "no-newline-new",
  "deleted-lines-only",
  "paths-with-spaces",
];

function listCases(extension: string): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((name) => name.endsWith(extension))
    .map((name) => name.slice(0, -extension.length))
    .sort();
}

function readGolden(fileName: string): string {
  return readFileSync(join(GOLDEN_DIR, fileName), "utf8");
}

const diffCases = listCases(".diff");

describe("parseGitDiff golden files", () => {
  it("pairs every .diff with a .json", () => {
    expect(listCases(".json")).toEqual(diffCases);
  });

  it("includes the required cases", () => {
    expect(diffCases).toEqual(expect.arrayContaining(REQUIRED_CASES));
  });

  it.each(diffCases)("parses %s", (name) => {
    const expected: unknown = JSON.parse(readGolden(`${name}.json`));

    expect(parseGitDiff(readGolden(`${name}.diff`))).toStrictEqual(expected);
  });
});
