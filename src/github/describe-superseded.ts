import { formatInlineCode } from "../reporters/markdown.js";
import type { CheckOutput } from "./complete-check-run.js";

/** Characters of a commit id shown in a title, as GitHub shows them. */
const SHORT_SHA_LENGTH = 7;

/**
 * Builds the check output for a run whose commit stopped being the pull
 * request's head before the run could publish.
 */
export function describeSuperseded(
  staleSha: string,
  headSha: string,
): CheckOutput {
  const stale = formatInlineCode(staleSha);
  const head = formatInlineCode(headSha);
  return {
    title: `Superseded by ${headSha.slice(0, SHORT_SHA_LENGTH)}`,
    summary: `The pull request's head moved from ${stale} to ${head} while Structra reviewed ${stale}, so nothing was posted for ${stale}. The check run on ${head} has the current result.`,
  };
}
