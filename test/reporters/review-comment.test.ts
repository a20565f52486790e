import { describe, expect, it } from "vitest";

import { parseMarkers } from "../../src/reporters/marker.js";
import { formatReviewComment } from "../../src/reporters/review-comment.js";
import type { Finding } from "../../src/types.js";
import { createSessionFinding } from "./review-fixture.js";

const GITHUB_COMMENT_LIMIT = 65_536;
const ZWJ = "\u200d";

/** Lines that open or close a fenced code block, with their fence. */
function findFenceLines(body: string): string[] {
  return body.split("\n").filter((line) => /^`{3,}/.test(line));
}

describe("formatReviewComment", () => {
  it("formats the engine's finding section by section", () => {
    const finding = createSessionFinding();
    const body = formatReviewComment(finding);
    const paragraphs = body.split("\n\n");

    expect(paragraphs[0]).toBe(
      "**F-03/session-memory-store** · high · Disallow session middleware that keeps sessions in process memory",
    );
    expect(paragraphs[1]).toBe(finding.message);
    expect(paragraphs[2]).toBe(`**Why it breaks scaling:** ${finding.why}`);
    expect(paragraphs[3]).toBe(`**Fix:** ${finding.fix}`);
    expect(body).toContain(`\`\`\`ts\n${finding.example}\n\`\`\``);
    expect(body).toContain(
      "[F-03/session-memory-store documentation](https://github.com/structra/structra/blob/main/docs/detectors/session-memory-store.md)",
    );
    expect(
      body.endsWith(`<!-- structra:fingerprint=${finding.fingerprint} -->\n`),
    ).toBe(true);
    expect(parseMarkers(body)).toEqual([finding.fingerprint]);
    expect(body).not.toContain("```suggestion");
  });

  it("adds a suggestion block after the example", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      suggestion: {
        startLine: 5,
        endLine: 5,
        replacement: 'app.use(session({ secret: "x", store }));\n',
      },
    };
    const body = formatReviewComment(finding);

    const suggestion =
      '```suggestion\napp.use(session({ secret: "x", store }));\n```';
    expect(body).toContain(suggestion);
    expect(body.indexOf("```ts")).toBeLessThan(body.indexOf(suggestion));
    expect(body.indexOf(suggestion)).toBeLessThan(body.indexOf("[F-03/"));
  });

  it("omits a suggestion for other lines", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      suggestion: { startLine: 6, endLine: 7, replacement: "  store,\n" },
    };

    expect(formatReviewComment(finding)).not.toContain("```suggestion");
    expect(
      formatReviewComment(finding, { startLine: 6, line: 6 }),
    ).not.toContain("```suggestion");
    expect(formatReviewComment(finding, { startLine: 6, line: 7 })).toContain(
      "```suggestion\n  store,\n```",
    );
  });

  it("writes an empty suggestion as a deletion", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      suggestion: { startLine: 5, endLine: 5, replacement: "" },
    };
    expect(formatReviewComment(finding)).toContain("```suggestion\n```");
  });

  it("uses longer fences around code with backtick runs", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      example: "const doc = `\n```\n`;",
      suggestion: { startLine: 5, endLine: 5, replacement: "const s = `````;" },
    };
    const body = formatReviewComment(finding);

    expect(body).toContain("````ts\nconst doc = `\n```\n`;\n````");
    expect(body).toContain("``````suggestion\nconst s = `````;\n``````");
  });

  it("takes the language tag from the file", () => {
    const finding: Finding = { ...createSessionFinding(), path: "server.js" };
    expect(formatReviewComment(finding)).toContain("```js\n");
  });

  it("escapes mentions, HTML and fences in the prose", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      title: "Disallow <b>bold</b> titles",
      message:
        "Found by @octocat <img src=x onerror=alert(1)>\n```\nstill prose",
      why: "Ask @org/team.",
      fix: "Write `@keep <as> code` here.",
    };
    const body = formatReviewComment(finding);

    expect(body).not.toMatch(/@octocat|@org\/team/);
    expect(body).toContain(`@${ZWJ}octocat`);
    expect(body).not.toMatch(/<img|<b>/);
    expect(body).toContain("&lt;img src=x onerror=alert(1)>");
    expect(body).toContain("Write `@keep <as> code` here.");
    expect(body).toContain("\\`\\`\\`\nstill prose");
    // Only the example's own fences remain.
    expect(findFenceLines(body)).toEqual(["```ts", "```"]);
    expect(parseMarkers(body)).toEqual([finding.fingerprint]);
  });

  it("shortens a long example to fit the size limit", () => {
    const line = "const value = 'x'.repeat(100); // padding to make it long";
    const finding: Finding = {
      ...createSessionFinding(),
      example: Array.from({ length: 5_000 }, () => line).join("\n"),
    };
    const body = formatReviewComment(finding);

    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1_000);
    expect(body).toContain(
      "_The example was shortened to fit GitHub's comment size limit._",
    );
    expect(findFenceLines(body)).toEqual(["```ts", "```"]);
    expect(parseMarkers(body)).toEqual([finding.fingerprint]);
  });

  it("leaves out an example whose first line does not fit", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      example: "x".repeat(70_000),
    };
    const body = formatReviewComment(finding);

    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(findFenceLines(body)).toEqual([]);
    expect(parseMarkers(body)).toEqual([finding.fingerprint]);
  });

  it("drops a suggestion too long for a comment", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      suggestion: {
        startLine: 5,
        endLine: 5,
        replacement: "y\n".repeat(40_000),
      },
    };
    const body = formatReviewComment(finding);

    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).not.toContain("```suggestion");
    expect(body).toContain("The suggested change is too long for a comment");
    expect(parseMarkers(body)).toEqual([finding.fingerprint]);
  });

  it("stays under the limit when every field is huge", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      title: "<".repeat(10_000),
      message: "<".repeat(100_000),
      why: "@a ".repeat(50_000),
      fix: "\\".repeat(100_000),
      example: "z".repeat(100_000),
    };
    const body = formatReviewComment(finding);

    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(parseMarkers(body)).toEqual([finding.fingerprint]);
  });
});
