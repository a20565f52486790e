import { escapeMarkdown, formatInlineCode } from "../reporters/markdown.js";
import type { CheckOutput } from "./complete-check-run.js";
import { getErrorDetails } from "./get-error-details.js";

/**
 * Builds the check output for a run that threw. It states the failed step
 * and the error, GitHub's status and request id when GitHub returned the
 * error, and how to retry.
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
  paragraphs.push(
    "This run has no result. To retry, select **Re-run** on this check. A transient GitHub error usually clears on the next attempt. If the failure persists, give the request id to the app's operator.",
  );
  return {
    title: "Structra could not finish the review",
    summary: paragraphs.join("\n\n"),
  };
}
