import { describe, expect, it } from "vitest";

import { parseConfig } from "../../src/config/config.js";
import {
  chunkAnnotations,
  formatCheckRunOutput,
} from "../../src/reporters/check-run.js";
import type { Finding, Level } from "../../src/types.js";
import {
  createSessionFinding,
  reviewAddedFiles,
  SESSION_APP,
  withFindings,
} from "./review-fixture.js";

const GITHUB_OUTPUT_LIMIT = 65_535;

function createFindings(count: number, message: string): Finding[] {
  const finding = createSessionFinding();
  return Array.from({ length: count }, (_, index) => ({
    ...finding,
    path: `src/routes/route-${index}.ts`,
    message,
    fingerprint: `fp${index}`,
  }));
}

/** Asserts that every table row is whole and every fence is closed. */
function expectIntactMarkdown(markdown: string): void {
  for (const line of markdown.split("\n")) {
    if (line.startsWith("|")) expect(line.endsWith("|"), line).toBe(true);
  }
  const fences = markdown.split("\n").filter((line) => line.startsWith("```"));
  expect(fences.length % 2).toBe(0);
}

describe("formatCheckRunOutput", () => {
  it("reports a failing finding", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    const output = formatCheckRunOutput(review);

    expect(output.title).toBe("1 finding fails the check");
    expect(output.summary).toContain(
      "1 finding on the changed lines of 1 file; 1 at or above the fail level fails the check.",
    );
    expect(output.summary).toContain("By level: error 1, warning 0, note 0.");
    expect(output.summary).toContain("By rule: `F-03/session-memory-store` 1.");
    expect(output.summary).toContain(
      "| Location | Rule | Level | Message |\n| --- | --- | --- | --- |\n| `src/app.ts:5` | `F-03/session-memory-store` | error | express-session is configured without a `store`",
    );
    expect(output.text).toContain(
      "#### `src/app.ts:5` F-03/session-memory-store (error)",
    );
    expect(output.text).toContain(`**Fix:** ${review.findings[0]?.fix}`);
  });

  it("formats one annotation per finding", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    const finding = review.findings[0] as Finding;
    const { annotations } = formatCheckRunOutput(review);

    expect(annotations).toEqual([
      {
        path: "src/app.ts",
        start_line: 5,
        end_line: 5,
        start_column: 9,
        end_column: 33,
        annotation_level: "failure",
        title:
          "F-03/session-memory-store: Disallow session middleware that keeps sessions in process memory",
        message: `${finding.message}\n\nFix: ${finding.fix}`,
        raw_details: `Why it breaks scaling: ${finding.why}\n\nDocumentation: ${finding.docsUrl}`,
      },
    ]);
  });

  it("maps levels to annotation levels", () => {
    const levels: Level[] = ["error", "warning", "note"];
    const findings = levels.map((level) => ({
      ...createSessionFinding(),
      level,
    }));
    const review = withFindings(reviewAddedFiles([]), findings);
    const annotations = formatCheckRunOutput(review).annotations;

    expect(
      annotations.map((annotation) => annotation.annotation_level),
    ).toEqual(["failure", "warning", "notice"]);
  });

  it("omits columns on a multi-line annotation", () => {
    const finding = { ...createSessionFinding(), endLine: 9 };
    const review = withFindings(reviewAddedFiles([]), [finding]);
    const [annotation] = formatCheckRunOutput(review).annotations;

    expect(annotation?.start_line).toBe(5);
    expect(annotation?.end_line).toBe(9);
    expect(annotation).not.toHaveProperty("start_column");
    expect(annotation).not.toHaveProperty("end_column");
  });

  it("keeps annotation titles within 255 characters", () => {
    const finding = { ...createSessionFinding(), title: "t".repeat(400) };
    const review = withFindings(reviewAddedFiles([]), [finding]);
    const [annotation] = formatCheckRunOutput(review).annotations;

    expect(annotation?.title.length).toBe(255);
    expect(annotation?.title.endsWith("…")).toBe(true);
  });

  it("titles a run below the fail level", () => {
    const config = parseConfig(
      { detectors: { "session-memory-store": "warning" } },
      "structra.yml",
    );
    const review = reviewAddedFiles(
      [{ path: "src/app.ts", text: SESSION_APP }],
      config,
    );
    const output = formatCheckRunOutput(review);

    expect(output.title).toBe("1 finding below the fail level");
    expect(output.summary).toContain(
      "all below the fail level, so the check passes",
    );
    expect(output.annotations[0]?.annotation_level).toBe("warning");
  });

  it("titles a clean and a neutral run", () => {
    const clean = reviewAddedFiles([
      {
        path: "src/app.ts",
        text: 'import express from "express";\nexpress().listen(3000);\n',
      },
    ]);
    const cleanOutput = formatCheckRunOutput(clean);
    expect(cleanOutput.title).toBe("No F-03 findings on changed lines");
    expect(cleanOutput.summary).toBe(
      "No F-03 findings on the changed lines of 1 file.",
    );
    expect(cleanOutput.text).toBeUndefined();
    expect(cleanOutput.annotations).toEqual([]);

    const neutral = formatCheckRunOutput(
      reviewAddedFiles([{ path: "README.md", text: "# Hi\n" }]),
    );
    expect(neutral.title).toBe("No changed server code to analyse");
    expect(neutral.summary).toContain("so the check is neutral");
  });

  it("lists parse errors, skipped files, suppressions and notes", () => {
    const suppressed = SESSION_APP.replace(
      "app.use(",
      "// structra-disable-next-line F-03/session-memory-store -- one replica only\napp.use(",
    );
    const review = reviewAddedFiles([
      { path: "src/broken.ts", text: "const = ;\n" },
      { path: "src/admin.ts", text: suppressed },
      { path: "README.md", text: "# Hi\n" },
      ...Array.from({ length: 25 }, (_, index) => ({
        path: `src/__tests__/case-${String(index).padStart(2, "0")}.ts`,
        text: SESSION_APP,
      })),
    ]);
    const summary = formatCheckRunOutput(review, {
      partial: "Reviewed 300 of 3,000 changed files.",
      notes: ["Configuration read from the default branch."],
    }).summary;

    expect(summary).toContain(
      "> **Partial review:** Reviewed 300 of 3,000 changed files.",
    );
    expect(summary).toContain("### Files that could not be parsed");
    expect(summary).toMatch(
      /- `src\/broken\.ts:1`: .*Variable declaration expected/,
    );
    expect(summary).toContain("**test or fixture file** (25 files):");
    expect(summary).toContain("- `src/__tests__/case-19.ts`\n\n…and 5 more.");
    expect(summary).not.toContain("case-20.ts");
    expect(summary).toContain(
      "**not JavaScript or TypeScript** (1 file):\n\n- `README.md`",
    );
    expect(summary).toContain(
      "### Suppressed findings\n\n- `src/admin.ts:6` `F-03/session-memory-store`: one replica only",
    );
    expect(summary).toContain(
      "### Notes\n\n- Configuration read from the default branch.",
    );
  });

  it("lists detector failures apart from parse errors", () => {
    const review = reviewAddedFiles([]);
    const failed = {
      ...review,
      analysis: {
        ...review.analysis,
        errors: [
          {
            path: "src/app.ts",
            detectorId: "session-memory-store",
            message: "detector session-memory-store failed: boom",
          },
        ],
      },
    };
    const summary = formatCheckRunOutput(failed).summary;

    expect(summary).not.toContain("Files that could not be parsed");
    expect(summary).toContain(
      "### Detector failures\n\nThese detectors failed on these files, so their findings there may be missing.\n\n- `src/app.ts`: detector session-memory-store failed: boom",
    );
  });

  it("lists paths excluded by the configuration", () => {
    const config = parseConfig(
      { paths: { exclude: ["src/legacy/**"] } },
      "structra.yml",
    );
    const review = reviewAddedFiles(
      [
        { path: "src/legacy/app.ts", text: SESSION_APP },
        { path: "src/app.ts", text: SESSION_APP },
      ],
      config,
    );
    const summary = formatCheckRunOutput(review).summary;

    expect(summary).toContain(
      "### Excluded by configuration\n\n1 path left out by `paths` in the configuration:\n\n- `src/legacy/app.ts`",
    );
  });

  it("escapes paths and messages in the table", () => {
    const finding = {
      ...createSessionFinding(),
      path: "src/a|b.ts",
      message: "Kept by @octocat in <div> | here",
    };
    const review = withFindings(reviewAddedFiles([]), [finding]);
    const summary = formatCheckRunOutput(review).summary;

    expect(summary).toContain(
      "| `src/a\\|b.ts:5` | `F-03/session-memory-store` | error | Kept by @\u200doctocat in &lt;div> \\| here |",
    );
  });

  it("fits thousands of findings within GitHub's limit", () => {
    const findings = createFindings(3_000, "m".repeat(250));
    const review = withFindings(reviewAddedFiles([]), findings);
    const output = formatCheckRunOutput(review, {
      notes: Array.from({ length: 500 }, () => "n".repeat(500)),
    });

    expect(output.summary.length).toBeLessThanOrEqual(GITHUB_OUTPUT_LIMIT);
    expect(output.text?.length).toBeLessThanOrEqual(GITHUB_OUTPUT_LIMIT);
    expect(output.summary).toMatch(
      /\|\n\n\d+ more findings not listed; see the annotations\./,
    );
    const rows = output.summary
      .split("\n")
      .filter((line) => line.startsWith("| `src/routes/"));
    expect(rows.length).toBeGreaterThan(50);
    expect(output.summary).toMatch(/…and \d+ more notes\.$/);
    expect(output.text).toMatch(
      /\d+ more findings not shown here; see the annotations\.$/,
    );
    expectIntactMarkdown(output.summary);
    expectIntactMarkdown(output.text ?? "");
    expect(output.annotations).toHaveLength(3_000);
  });
});

describe("chunkAnnotations", () => {
  it("splits into batches of 50", () => {
    const list = Array.from({ length: 120 }, (_, index) => index);
    const batches = chunkAnnotations(list, 50);

    expect(batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(list);
    expect(chunkAnnotations(list).map((batch) => batch.length)).toEqual([
      50, 50, 20,
    ]);
  });

  it("returns no batch for no annotation", () => {
    expect(chunkAnnotations([], 50)).toEqual([]);
  });

  it("rejects a batch size below one", () => {
    expect(() => chunkAnnotations([1], 0)).toThrow(RangeError);
  });
});
