import { describe, expect, it } from "vitest";

import { diffFilesFromContents } from "../../src/diff/index.js";

/** Returns "line 1\n" through "line N\n" for the given line numbers. */
function joinLines(numbers: readonly number[]): string {
  return numbers.map((number) => `line ${number}\n`).join("");
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

describe("diffFilesFromContents", () => {
  it("marks every line of an added file", () => {
    expect(diffFilesFromContents("a.ts", undefined, "a\nb\nc\n")).toEqual({
      addedLines: [1, 2, 3],
      commentableLines: [1, 2, 3],
    });
  });

  it("returns nothing for a removed file", () => {
    expect(diffFilesFromContents("a.ts", "a\nb\n", undefined)).toEqual({
      addedLines: [],
      commentableLines: [],
    });
  });

  it("returns nothing for unchanged text", () => {
    const text = joinLines(range(1, 20));

    expect(diffFilesFromContents("a.ts", text, text)).toEqual({
      addedLines: [],
      commentableLines: [],
    });
  });

  it("returns nothing for an added empty file", () => {
    expect(diffFilesFromContents("a.ts", undefined, "")).toEqual({
      addedLines: [],
      commentableLines: [],
    });
  });

  it("keeps three context lines around a change", () => {
    const base = joinLines(range(1, 20));
    const head = base.replace("line 10\n", "line 10 changed\n");

    expect(diffFilesFromContents("a.ts", base, head)).toEqual({
      addedLines: [10],
      commentableLines: [7, 8, 9, 10, 11, 12, 13],
    });
  });

  it("keeps context of a pure deletion", () => {
    const base = joinLines(range(1, 20));
    const head = joinLines([...range(1, 9), ...range(11, 20)]);

    expect(diffFilesFromContents("a.ts", base, head)).toEqual({
      addedLines: [],
      commentableLines: [7, 8, 9, 10, 11, 12],
    });
  });

  it("splits distant changes into hunks", () => {
    const base = joinLines(range(1, 40));
    const head = base
      .replace("line 5\n", "line 5 changed\n")
      .replace("line 30\n", "line 30 changed\n");

    expect(diffFilesFromContents("a.ts", base, head)).toEqual({
      addedLines: [5, 30],
      commentableLines: [2, 3, 4, 5, 6, 7, 8, 27, 28, 29, 30, 31, 32, 33],
    });
  });

  it("merges changes six lines apart", () => {
    const base = joinLines(range(1, 40));
    const head = base
      .replace("line 10\n", "line 10 changed\n")
      .replace("line 16\n", "line 16 changed\n");

    expect(diffFilesFromContents("a.ts", base, head)).toEqual({
      addedLines: [10, 16],
      commentableLines: range(7, 19),
    });
  });

  it("marks a last line that gains a newline", () => {
    expect(diffFilesFromContents("a.ts", "a\nb", "a\nb\n")).toEqual({
      addedLines: [2],
      commentableLines: [1, 2],
    });
  });

  it("matches git on the several-hunks case", () => {
    // The same edit as test/diff/golden/several-hunks.diff, made by git.
    const base = joinLines(range(1, 40));
    const head =
      joinLines(range(1, 2)) +
      "line 3 changed\n" +
      joinLines(range(4, 19)) +
      "inserted A\ninserted B\n" +
      joinLines(range(20, 36)) +
      joinLines(range(38, 40));

    expect(diffFilesFromContents("app.ts", base, head)).toEqual({
      addedLines: [3, 20, 21],
      commentableLines: [
        1, 2, 3, 4, 5, 6, 17, 18, 19, 20, 21, 22, 23, 24, 36, 37, 38, 39, 40,
        41,
      ],
    });
  });
});
