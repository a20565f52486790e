import { describe, expect, it } from "vitest";

import { parseGitDiff } from "../../src/diff/index.js";

const MODIFIED_FILE = [
  "diff --git a/app.ts b/app.ts",
  "index 587be6b..b77b4eb 100644",
  "--- a/app.ts",
  "+++ b/app.ts",
  "@@ -1 +1,2 @@",
  " x",
  "+y",
  "",
].join("\n");

describe("parseGitDiff", () => {
  it("returns no files for empty text", () => {
    expect(parseGitDiff("")).toEqual([]);
    expect(parseGitDiff("\n")).toEqual([]);
  });

  it("parses a diff without a final newline", () => {
    expect(parseGitDiff(MODIFIED_FILE.trimEnd())).toStrictEqual([
      {
        path: "app.ts",
        status: "modified",
        binary: false,
        addedLines: [2],
        commentableLines: [1, 2],
      },
    ]);
  });

  it("rejects text that is not a diff", () => {
    expect(() => parseGitDiff("hello world\n")).toThrow(
      'Invalid git diff: expected line 1 to start with "diff --git", ' +
        'found "hello world"',
    );
  });

  it("shortens a long offending line", () => {
    const longLine = "x".repeat(500);
    const message = getErrorMessage(() => parseGitDiff(longLine));

    expect(message).toContain(`found "${"x".repeat(57)}..."`);
    expect(message.length).toBeLessThan(150);
  });

  it("rejects an unknown header line", () => {
    const text = "diff --git a/app.ts b/app.ts\nhello there\n";

    expect(() => parseGitDiff(text)).toThrow(
      "Invalid git diff: line 2 is neither a git extended header nor a " +
        'hunk header: "hello there"',
    );
  });

  it("rejects a line after the hunks", () => {
    const text = `${MODIFIED_FILE}trailing words\n`;

    expect(() => parseGitDiff(text)).toThrow(
      'Invalid git diff: line 8 is not part of a hunk: "trailing words"',
    );
  });

  it("rejects a line between two hunks", () => {
    const text = [
      "diff --git a/app.ts b/app.ts",
      "--- a/app.ts",
      "+++ b/app.ts",
      "@@ -1 +1 @@",
      "-a",
      "+b",
      "stray",
      "@@ -9 +9 @@",
      "-c",
      "+d",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      'Invalid git diff: line 7 is not part of a hunk: "stray"',
    );
  });

  it("rejects a truncated hunk", () => {
    const text = [
      "diff --git a/app.ts b/app.ts",
      "--- a/app.ts",
      "+++ b/app.ts",
      "@@ -1,3 +1,3 @@",
      " a",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      "Invalid git diff: Hunk at line 4 has a line that starts with none " +
        'of " ", "+", "-" and "\\" (or ends early): ""',
    );
  });

  it("rejects a hunk line without a marker", () => {
    const text = [
      "diff --git a/app.ts b/app.ts",
      "--- a/app.ts",
      "+++ b/app.ts",
      "@@ -1,2 +1,2 @@",
      " a",
      "?b",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      "Invalid git diff: Hunk at line 4 has a line that starts with none " +
        'of " ", "+", "-" and "\\" (or ends early): "?b"',
    );
  });

  it("rejects a --- line without +++", () => {
    const text = [
      "diff --git a/app.ts b/app.ts",
      "--- a/app.ts",
      "@@ -1 +1 @@",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      'Invalid git diff: line 3 should be the "+++" line that follows the ' +
        '"---" line, found "@@ -1 +1 @@"',
    );
  });

  it("rejects a hunk longer than declared", () => {
    const text = [
      "diff --git a/app.ts b/app.ts",
      "--- a/app.ts",
      "+++ b/app.ts",
      "@@ -1 +1 @@",
      "-a",
      "+b",
      "+c",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      "Invalid git diff: Hunk at line 4 has more lines than expected",
    );
  });

  it("rejects a combined diff", () => {
    const text = [
      "diff --cc app.ts",
      "index 1111111,2222222..3333333",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      "Invalid git diff: line 1 starts a combined diff of a merge, which " +
        'is not supported: "diff --cc app.ts". Diff against a single ' +
        "commit instead",
    );
  });

  it("rejects paths without a/ and b/ prefixes", () => {
    // `git -c diff.noprefix=true diff` output
    const text = [
      "diff --git app.ts app.ts",
      "index 587be6b..b77b4eb 100644",
      "--- app.ts",
      "+++ app.ts",
      "@@ -1 +1,2 @@",
      " x",
      "+y",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      'Invalid git diff: the path "app.ts" in the file starting at line 1 ' +
        'lacks the "a/" prefix. Run git diff with --src-prefix=a/ ' +
        "--dst-prefix=b/",
    );
  });

  it("rejects a file whose paths cannot be read", () => {
    const text = [
      "diff --git app.ts app.ts",
      "old mode 100644",
      "new mode 100755",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      "Invalid git diff: could not read the paths from line 1: " +
        '"diff --git app.ts app.ts". Run git diff with --src-prefix=a/ ' +
        "--dst-prefix=b/",
    );
  });

  it("rejects overlapping hunks", () => {
    const text = [
      "diff --git a/app.ts b/app.ts",
      "--- a/app.ts",
      "+++ b/app.ts",
      "@@ -1,2 +1,2 @@",
      " a",
      "+b",
      "-c",
      "@@ -2 +2 @@",
      "-c",
      "+d",
      "",
    ].join("\n");

    expect(() => parseGitDiff(text)).toThrow(
      "Invalid diff: the hunk starting at new line 2 overlaps or precedes " +
        "the previous hunk, which ends at line 2.",
    );
  });
});

function getErrorMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected the action to throw");
}
