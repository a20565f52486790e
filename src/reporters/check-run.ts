import type { ReviewResult } from "../pipeline/review-files.js";
import { formatAnnotation, type CheckAnnotation } from "./check-annotations.js";
import { formatCheckSummary, type CheckSummaryExtra } from "./check-summary.js";
import { formatCheckText } from "./check-text.js";
import { formatCount } from "./format-count.js";

export { chunkAnnotations, type CheckAnnotation } from "./check-annotations.js";
export type { CheckSummaryExtra } from "./check-summary.js";

/** The `output` object of a check run; send `annotations` in batches of 50. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

/**
 * Formats a review as check-run output: a title with the outcome, a
 * markdown summary, the findings in detail as `text`, and one annotation
 * per finding. Summary and text stay within GitHub's length limit.
 */
export function formatCheckRunOutput(
  review: ReviewResult,
  extra: CheckSummaryExtra = {},
): CheckRunOutput {
  const text = formatCheckText(review);
  return {
    title: formatTitle(review),
    summary: formatCheckSummary(review, extra),
    ...(text === undefined ? {} : { text }),
    annotations: review.findings.map(formatAnnotation),
  };
}

function formatTitle(review: ReviewResult): string {
  const failing = review.failing.length;
  if (failing > 0) {
    const verb = failing === 1 ? "fails" : "fail";
    return `${formatCount(failing, "finding")} ${verb} the check`;
  }
  if (review.findings.length > 0) {
    return `${formatCount(review.findings.length, "finding")} below the fail level`;
  }
  if (review.conclusion === "neutral")
    return "No changed server code to analyse";
  return "No F-03 findings on changed lines";
}
