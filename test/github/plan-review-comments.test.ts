import { describe, expect, it } from "vitest";

import { planReviewComments } from "../../src/github/plan-review-comments.js";
import type { Finding, Level } from "../../src/types.js";

function createFinding(
  line: number,
  level: Level,
  fingerprint: string,
): Finding {
  return {
    detectorId: "session-memory-store",
    ruleId: "F-03/session-memory-store",
    title: "Disallow in-memory session stores",
    path: "src/server.js",
    line,
    column: 9,
    endLine: line,
    endColumn: 40,
    severity: level === "error" ? "high" : "medium",
    level,
    message: "express-session keeps sessions in process memory.",
    why: "Each replica has its own sessions.",
    fix: "Pass a shared store.",
    docsUrl: "https://example.org/docs/session-memory-store",
    fingerprint,
    snippet: "session({ secret })",
  };
}

const commentableLines = new Map([["src/server.js", new Set([1, 2, 3, 4, 5])]]);
const sourceTexts = new Map<string, string>();

describe("planReviewComments", () => {
  it("comments on new findings at their line", () => {
    const plan = planReviewComments([createFinding(3, "error", "fp3")], {
      postedFingerprints: new Set(),
      commentableLines,
      sourceTexts,
      max: 10,
    });

    expect(plan.comments).toHaveLength(1);
    expect(plan.comments[0]?.draft).toMatchObject({
      path: "src/server.js",
      line: 3,
      side: "RIGHT",
    });
    expect(plan.comments[0]?.draft.body).toContain("structra:fingerprint=fp3");
  });

  it("skips posted fingerprints", () => {
    const plan = planReviewComments(
      [createFinding(3, "error", "fp3"), createFinding(4, "error", "fp4")],
      {
        postedFingerprints: new Set(["fp3"]),
        commentableLines,
        sourceTexts,
        max: 10,
      },
    );

    expect(plan.comments.map((comment) => comment.draft.line)).toEqual([4]);
    expect(plan.alreadyPosted).toBe(1);
  });

  it("skips lines outside the diff", () => {
    const plan = planReviewComments([createFinding(9, "error", "fp9")], {
      postedFingerprints: new Set(),
      commentableLines,
      sourceTexts,
      max: 10,
    });

    expect(plan.comments).toEqual([]);
    expect(plan.overCap).toEqual([]);
  });

  it("keeps errors first under the cap", () => {
    const findings = [
      createFinding(1, "note", "fp1"),
      createFinding(2, "warning", "fp2"),
      createFinding(3, "error", "fp3"),
    ];
    const plan = planReviewComments(findings, {
      postedFingerprints: new Set(),
      commentableLines,
      sourceTexts,
      max: 2,
    });

    expect(plan.comments.map((comment) => comment.draft.line)).toEqual([3, 2]);
    expect(plan.overCap.map((finding) => finding.line)).toEqual([1]);
  });
});
