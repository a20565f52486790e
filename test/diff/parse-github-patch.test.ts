import { describe, expect, it } from "vitest";

import { parseGithubPatch } from "../../src/diff/index.js";

describe("parseGithubPatch", () => {
  it("returns empty lists for a missing patch", () => {
    expect(parseGithubPatch(undefined)).toEqual({
      addedLines: [],
      commentableLines: [],
    });
    expect(parseGithubPatch("")).toEqual({
      addedLines: [],
      commentableLines: [],
    });
  });

  it("reads one hunk", () => {
    const patch = [
      "@@ -1,4 +1,5 @@",
      " import a from 'a';",
      "-const b = 1;",
      "+const b = 2;",
      "+const c = 3;",
      " ",
      " export { a };",
    ].join("\n");

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [2, 3],
      commentableLines: [1, 2, 3, 4, 5],
    });
  });

  it("reads several hunks with section headings", () => {
    const patch = [
      "@@ -10,6 +10,7 @@ function handler(req) {",
      "   const user = req.user;",
      "   const id = user.id;",
      "   const name = user.name;",
      "+  sessions.set(id, user);",
      "   return id;",
      " }",
      " ",
      "@@ -40,7 +41,6 @@ export function close() {",
      "   a();",
      "   b();",
      "   c();",
      "-  d();",
      "   e();",
      "   f();",
      "   g();",
    ].join("\n");

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [13],
      commentableLines: [10, 11, 12, 13, 14, 15, 16, 41, 42, 43, 44, 45, 46],
    });
  });

  it("ignores a trailing newline", () => {
    const patch = "@@ -1 +1,2 @@\n a\n+b\n";

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [2],
      commentableLines: [1, 2],
    });
  });

  it("reads a new file", () => {
    const patch = "@@ -0,0 +1,3 @@\n+one\n+two\n+three";

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [1, 2, 3],
      commentableLines: [1, 2, 3],
    });
  });

  it("returns nothing for a removed file", () => {
    const patch = "@@ -1,3 +0,0 @@\n-one\n-two\n-three";

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [],
      commentableLines: [],
    });
  });

  it("keeps context of a deletion-only hunk", () => {
    const patch = [
      "@@ -4,8 +4,6 @@",
      " d",
      " e",
      " f",
      "-g",
      "-h",
      " i",
      " j",
      " k",
    ].join("\n");

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [],
      commentableLines: [4, 5, 6, 7, 8, 9],
    });
  });

  it("skips missing-newline markers", () => {
    const patch = [
      "@@ -1,2 +1,2 @@",
      " first",
      "-last",
      "\\ No newline at end of file",
      "+last changed",
      "\\ No newline at end of file",
    ].join("\n");

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [2],
      commentableLines: [1, 2],
    });
  });

  it("counts lines ending in CR once", () => {
    const patch = "@@ -1,2 +1,2 @@\n one\r\n-two\r\n+2\r";

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [2],
      commentableLines: [1, 2],
    });
  });

  it("accepts an empty context line", () => {
    // parsePatch reads an empty line inside a hunk as a context line.
    const patch = "@@ -1,3 +1,3 @@\n a\n\n-b\n+c";

    expect(parseGithubPatch(patch)).toEqual({
      addedLines: [3],
      commentableLines: [1, 2, 3],
    });
  });

  it("rejects text outside a hunk", () => {
    expect(() => parseGithubPatch("not a patch")).toThrow(
      'Invalid GitHub patch: line 1 is not part of a hunk (hunks start with "@@ -"): "not a patch"',
    );
  });

  it("rejects text after a hunk", () => {
    const patch = "@@ -1 +1 @@\n-a\n+b\ntrailing";

    expect(() => parseGithubPatch(patch)).toThrow(
      'Invalid GitHub patch: line 4 is not part of a hunk (hunks start with "@@ -"): "trailing"',
    );
  });

  it("rejects a hunk shorter than declared", () => {
    const patch = "@@ -1,3 +1,3 @@\n a\n b";

    expect(() => parseGithubPatch(patch)).toThrow(
      "Invalid GitHub patch: Added line count did not match for hunk at " +
        "line 1",
    );
  });

  it("shortens a long invalid line", () => {
    const patch = `@@ -1,2 +1,2 @@\n a\n?${"q".repeat(300)}`;

    expect(() => parseGithubPatch(patch)).toThrow(`: "?${"q".repeat(56)}..."`);
  });

  it("rejects hunks out of order", () => {
    const patch = "@@ -10 +10 @@\n-a\n+b\n@@ -3 +3 @@\n-c\n+d";

    expect(() => parseGithubPatch(patch)).toThrow(
      "Invalid diff: the hunk starting at new line 3 overlaps or precedes " +
        "the previous hunk, which ends at line 10.",
    );
  });
});
