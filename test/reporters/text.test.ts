import { describe, expect, it } from "vitest";

import { formatText } from "../../src/reporters/text.js";
import type { Finding } from "../../src/types.js";
import { reviewAddedFiles, SESSION_APP } from "./review-fixture.js";

describe("formatText", () => {
  it("formats a finding with its fix and totals", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    const finding = review.findings[0] as Finding;

    expect(formatText(review)).toBe(
      [
        `src/app.ts:5:9  error  F-03/session-memory-store  ${finding.message}`,
        `    Fix: ${finding.fix}`,
        "",
        "1 finding (1 error, 0 warnings, 0 notes) in 1 file analysed; 1 at or above the fail level.",
        "",
      ].join("\n"),
    );
  });

  it("leaves the fail level out for a plain analysis", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    const text = formatText(review.analysis);

    expect(text).toContain(
      "1 finding (1 error, 0 warnings, 0 notes) in 1 file analysed.\n",
    );
    expect(text).not.toContain("fail level");
  });

  it("lists errors, suppressions and the skipped count after the totals", () => {
    const suppressed = SESSION_APP.replace(
      "app.use(",
      "// structra-disable-next-line F-03/session-memory-store -- one replica only\napp.use(",
    );
    const review = reviewAddedFiles([
      { path: "src/admin.ts", text: suppressed },
      { path: "src/broken.ts", text: "const = ;\n" },
      { path: "README.md", text: "# Hi\n" },
    ]);
    const blocks = formatText(review).trimEnd().split("\n\n");

    expect(blocks[0]).toBe(
      "0 findings (0 errors, 0 warnings, 0 notes) in 1 file analysed; 0 at or above the fail level.",
    );
    expect(blocks[1]).toMatch(
      /^Not analysed because of errors:\n {4}src\/broken\.ts:1 {2}.*Variable declaration expected/,
    );
    expect(blocks[2]).toBe(
      "Suppressed:\n    src/admin.ts:6  F-03/session-memory-store  one replica only",
    );
    expect(blocks[3]).toBe(
      "1 file skipped; the JSON output lists each with its reason.",
    );
  });
});
