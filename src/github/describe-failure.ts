import { escapeMarkdown, formatInlineCode } from "../reporters/markdown.js";
import { isRateLimitError, isServerError } from "./classify-github-error.js";
import type { CheckOutput } from "./complete-check-run.js";
import { MAX_RATE_LIMIT_RETRIES } from "./decide-rate-limit-retry.js";
import { getErrorDetails } from "./get-error-details.js";
import { ReviewBusyError } from "./publish-review.js";

/**
 * Builds the check output for a run that threw. It states the failed step
 * and the error, GitHub's status and request id when GitHub returned the
 * error, what the error usually means, and how to retry.
 */
export function describeFailure(step: string, error: unknown): CheckOutput {
  const details = getErrorDetails(error);
  const message = escapeMarkdown(details.message.replace(/\.?$/, "."));
  const paragraphs = [`Structra stopped while ${step}: ${message}`];

  if (details.status !== undefined) {
    const requestId =
      details.requestId === undefined
        ? ""
        : ` (request id ${formatInlineCode(details.requestId)})`;
    paragraphs.push(
      `GitHub responded with HTTP status ${details.status}${requestId}.`,
    );
  }
  paragraphs.push(adviseRetry(error));
  return {
    title: "Structra could not finish the review",
    summary: paragraphs.join("\n\n"),
  };
}

function adviseRetry(error: unknown): string {
  const rerun = "select **Re-run** on this check";
  if (isRateLimitError(error)) {
    return `GitHub's rate limit for this app was still in force after ${MAX_RATE_LIMIT_RETRIES} retries, or asked for a longer wait than a run holds on for. This run has no result. Wait a few minutes, then ${rerun}.`;
  }
  if (error instanceof ReviewBusyError) {
    return `This run has no result, so no comment was posted twice. To retry, ${rerun}.`;
  }
  if (isServerError(error)) {
    return `GitHub failed to answer even after retries. This run has no result. Such errors usually clear within minutes; then ${rerun}. If the failure persists, give the request id to the app's operator.`;
  }
  return `This run has no result. To retry, ${rerun}. If the failure persists, give the request id to the app's operator.`;
}
