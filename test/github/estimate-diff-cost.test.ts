import { describe, expect, it } from "vitest";

import {
  estimateDiffCost,
  MAX_DIFF_COST,
} from "../../src/github/fill-patchless-lines.js";

function createLines(count: number, changeEvery: number, salt: string) {
  return Array.from({ length: count }, (_, index) =>
    index % changeEvery === 0 ? `changed ${salt} ${index}` : `line ${index}`,
  ).join("\n");
}

describe("estimateDiffCost", () => {
  it("is zero for equal texts", () => {
    expect(estimateDiffCost("a\nb\n", "a\nb\n")).toBe(0);
  });

  it("counts lines times changed lines", () => {
    // 3 + 4 lines (with the empty last one), and one line added.
    expect(estimateDiffCost("a\nb\n", "a\nx\nb\n")).toBe(7);
  });

  it("counts a moved line as unchanged", () => {
    expect(estimateDiffCost("a\nb\nc", "c\na\nb")).toBe(0);
  });

  it("stays under the cap for a small edit to a large file", () => {
    const base = createLines(20_000, 1000, "a");
    const head = createLines(20_000, 1000, "b");

    expect(estimateDiffCost(base, head)).toBeLessThan(MAX_DIFF_COST);
  });

  it("passes the cap for a rewrite of a long file", () => {
    const base = createLines(5000, 2, "a");
    const head = createLines(5000, 2, "b");

    expect(estimateDiffCost(base, head)).toBeGreaterThan(MAX_DIFF_COST);
  });
});
