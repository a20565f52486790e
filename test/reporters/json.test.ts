import { describe, expect, it } from "vitest";

import { createJsonReport, formatJson } from "../../src/reporters/json.js";
import type { Finding } from "../../src/types.js";
import { reviewAddedFiles, SESSION_APP } from "./review-fixture.js";

describe("formatJson", () => {
  it("builds the version 1 report from a review", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
      { path: "src/broken.ts", text: "const = ;\n" },
      { path: "README.md", text: "# Hi\n" },
    ]);
    const finding = review.findings[0] as Finding;
    const report = createJsonReport(review);

    expect(Object.keys(report)).toEqual([
      "version",
      "findings",
      "errors",
      "skipped",
      "suppressions",
      "summary",
    ]);
    expect(report.version).toBe(1);
    expect(report.findings).toEqual([
      {
        ruleId: "F-03/session-memory-store",
        detectorId: "session-memory-store",
        level: "error",
        severity: "high",
        path: "src/app.ts",
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 33,
        title: finding.title,
        message: finding.message,
        why: finding.why,
        fix: finding.fix,
        example: finding.example,
        suggestion: null,
        docsUrl: finding.docsUrl,
        fingerprint: finding.fingerprint,
        snippet: 'session({ secret: "x" })',
      },
    ]);
    expect(report.errors).toEqual([
      {
        path: "src/broken.ts",
        line: 1,
        detectorId: null,
        message: expect.stringContaining("Variable declaration expected"),
      },
    ]);
    expect(report.skipped).toEqual([
      { path: "README.md", reason: "not JavaScript or TypeScript" },
    ]);
    expect(report.suppressions).toEqual([]);
    expect(report.summary).toEqual({
      files: 1,
      findings: 1,
      byLevel: { error: 1, warning: 0, note: 0 },
    });
  });

  it("gives the same report for the review and its analysis", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    expect(createJsonReport(review.analysis)).toEqual(createJsonReport(review));
  });

  it("formats indented JSON ending in a newline", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    const text = formatJson(review);

    expect(text.endsWith("}\n")).toBe(true);
    expect(text.startsWith('{\n  "version": 1,\n  "findings": [')).toBe(true);
    expect(JSON.parse(text)).toEqual(createJsonReport(review));
  });
});
