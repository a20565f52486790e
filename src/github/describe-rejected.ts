import { formatInlineCode } from "../reporters/markdown.js";
import type { RejectedComment } from "./find-rejected-comments.js";

/** Rejected comments named one by one in the note. */
const MAX_NAMED_COMMENTS = 20;

/**
 * Describes the inline comments GitHub rejected and the review went
 * without, or returns undefined when there are none.
 */
export function describeRejected(
  rejected: readonly RejectedComment[],
): string | undefined {
  if (rejected.length === 0) return undefined;

  const named = rejected
    .slice(0, MAX_NAMED_COMMENTS)
    .map(
      ({ finding, reason }) =>
        `${formatInlineCode(`${finding.path}:${finding.line}`)} ${finding.ruleId} (${reason})`,
    );
  const rest = rejected.length - named.length;
  const tail = rest > 0 ? ` and ${rest} more` : "";
  const count =
    rejected.length === 1
      ? "GitHub rejected 1 inline comment, which was"
      : `GitHub rejected ${rejected.length} inline comments, which were`;
  return `${count} left out of the review; the findings are still in this check: ${named.join(", ")}${tail}.`;
}
