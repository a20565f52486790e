// Real reviews and findings from the engine, for the reporter tests.

import {
  DEFAULT_CONFIG,
  type StructraConfig,
} from "../../src/config/config.js";
import {
  diffFilesFromContents,
  type ChangedFile,
} from "../../src/diff/index.js";
import {
  reviewFiles,
  type ReviewResult,
} from "../../src/pipeline/review-files.js";
import type { Finding, SourceInput } from "../../src/types.js";

export const SESSION_APP = [
  'import express from "express";',
  'import session from "express-session";',
  "",
  "const app = express();",
  'app.use(session({ secret: "x" }));',
  "app.listen(3000);",
  "",
].join("\n");

/** Reviews files as if each was added in full. */
export function reviewAddedFiles(
  files: SourceInput[],
  config: StructraConfig = DEFAULT_CONFIG,
): ReviewResult {
  const changedFiles: ChangedFile[] = files.map((file) => ({
    path: file.path,
    status: "added",
    binary: false,
    ...diffFilesFromContents(file.path, undefined, file.text),
  }));
  return reviewFiles({ files, changedFiles, config });
}

/** Runs the engine on `SESSION_APP` and returns its one finding. */
export function createSessionFinding(): Finding {
  const review = reviewAddedFiles([{ path: "src/app.ts", text: SESSION_APP }]);
  const finding = review.findings[0];
  if (!finding) throw new Error("the session detector reported nothing");
  return finding;
}

/** Copies a review with other findings; those at level error fail. */
export function withFindings(
  review: ReviewResult,
  findings: Finding[],
): ReviewResult {
  return {
    ...review,
    analysis: { ...review.analysis, findings },
    findings,
    failing: findings.filter((finding) => finding.level === "error"),
    conclusion: findings.some((finding) => finding.level === "error")
      ? "failure"
      : "success",
  };
}
