import { escapeMarkdown, formatInlineCode } from "../reporters/markdown.js";
import type { CheckOutput } from "../github/complete-check-run.js";

/** Characters of a commit id shown in a title, as GitHub shows them. */
const SHORT_SHA_LENGTH = 7;

/** Output of a check run whose queued review was dropped for a newer commit. */
export function describeDroppedForNewerCommit(newerSha: string): CheckOutput {
  return {
    title: `Superseded by ${newerSha.slice(0, SHORT_SHA_LENGTH)}`,
    summary: `The pull request's head moved to ${formatInlineCode(newerSha)} before the review of this commit started, so Structra reviews that commit instead. Its check run has the current result.`,
  };
}

/** Output of a check run whose review could not be queued. */
export function describeQueueUnavailable(reason: string): CheckOutput {
  const message = escapeMarkdown(reason.replace(/\.?$/, "."));
  return {
    title: "Structra could not queue the review",
    summary: [
      `Structra's job queue (the Redis server that REDIS_URL names) could not take this review: ${message}`,
      "This commit was not reviewed. Select **Re-run** on this check once the queue is back. If the failure persists, ask the app's operator to check the Redis connection.",
    ].join("\n\n"),
  };
}

/** Output of a check run whose review failed on every attempt. */
export function describeAttemptsExhausted(
  attempts: number,
  reason: string,
): CheckOutput {
  const message = escapeMarkdown(reason.replace(/\.?$/, "."));
  const runs = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  return {
    title: "Structra could not finish the review",
    summary: [
      `The review failed after ${runs}: ${message}`,
      "This run has no result. Select **Re-run** on this check to try again. If the failure persists, give this message to the app's operator.",
    ].join("\n\n"),
  };
}
