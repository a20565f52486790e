import { describe, expect, it } from "vitest";

import { placeReviewComment } from "../../src/github/place-review-comment.js";
import type { Finding, Suggestion } from "../../src/types.js";

const HEAD_TEXT = [
  'import session from "express-session";',
  "app.use(",
  "  session({",
  '    secret: "keyboard cat",',
  "  }),",
  ");",
].join("\n");

const STORE_LINE = "    store: new RedisStore({ client: redisClient }),";

function createFinding(line: number, suggestion?: Suggestion): Finding {
  return {
    detectorId: "session-memory-store",
    ruleId: "F-03/session-memory-store",
    title: "Disallow in-memory session stores",
    path: "src/server.js",
    line,
    column: 3,
    endLine: line,
    endColumn: 12,
    severity: "high",
    level: "error",
    message: "express-session keeps sessions in process memory.",
    why: "Each replica has its own sessions.",
    fix: "Pass a shared store.",
    docsUrl: "https://example.org/docs/session-memory-store",
    fingerprint: "fp1",
    snippet: "session({",
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

const ON_SECRET_LINE: Suggestion = {
  startLine: 4,
  endLine: 4,
  replacement: `${STORE_LINE}\n    secret: "keyboard cat",`,
};

describe("placeReviewComment", () => {
  it("keeps a comment without suggestion on its line", () => {
    const draft = placeReviewComment(
      createFinding(3),
      new Set([1, 2, 3]),
      HEAD_TEXT,
    );

    expect(draft).toEqual({
      path: "src/server.js",
      line: 3,
      side: "RIGHT",
      body: expect.stringContaining("structra:fingerprint=fp1"),
    });
  });

  it("spans the finding and a later suggestion", () => {
    const draft = placeReviewComment(
      createFinding(3, ON_SECRET_LINE),
      new Set([1, 2, 3, 4, 5, 6]),
      HEAD_TEXT,
    );

    expect(draft).toMatchObject({
      start_line: 3,
      start_side: "RIGHT",
      line: 4,
      side: "RIGHT",
    });
    expect(draft.body).toContain(
      `\`\`\`suggestion\n  session({\n${STORE_LINE}\n    secret: "keyboard cat",\n\`\`\``,
    );
  });

  it("spans an earlier suggestion and the finding", () => {
    const draft = placeReviewComment(
      createFinding(5, {
        startLine: 4,
        endLine: 4,
        replacement: "    secret,",
      }),
      new Set([3, 4, 5]),
      HEAD_TEXT,
    );

    expect(draft).toMatchObject({ start_line: 4, line: 5 });
    expect(draft.body).toContain("```suggestion\n    secret,\n  }),\n```");
  });

  it("leaves the suggestion out over an uncommentable line", () => {
    const draft = placeReviewComment(
      createFinding(3, ON_SECRET_LINE),
      new Set([1, 2, 3]),
      HEAD_TEXT,
    );

    expect(draft.line).toBe(3);
    expect(draft.start_line).toBeUndefined();
    expect(draft.body).not.toContain("```suggestion");
  });

  it("leaves the suggestion out without the head text", () => {
    const draft = placeReviewComment(
      createFinding(3, ON_SECRET_LINE),
      new Set([1, 2, 3, 4]),
      undefined,
    );

    expect(draft.start_line).toBeUndefined();
    expect(draft.body).not.toContain("```suggestion");
  });

  it("keeps a suggestion on the finding's own line", () => {
    const draft = placeReviewComment(
      createFinding(4, ON_SECRET_LINE),
      new Set([4]),
      HEAD_TEXT,
    );

    expect(draft.start_line).toBeUndefined();
    expect(draft.body).toContain(`\`\`\`suggestion\n${STORE_LINE}\n`);
  });
});
