import {
  formatReviewComment,
  type CommentPlacement,
} from "../reporters/review-comment.js";
import type { Finding, Suggestion } from "../types.js";
import type { ReviewCommentDraft } from "./plan-review-comments.js";

/**
 * Builds the inline comment for a finding. GitHub applies a `suggestion`
 * block to exactly the lines the comment spans. So when a suggestion is on
 * other lines than the finding's, the comment spans the range that covers
 * both, and the replacement is widened to that range with the head text
 * of the lines it leaves unchanged. When a line of the range is not
 * commentable or the head text is unknown, the comment stays on the
 * finding's line and leaves the suggestion out.
 */
export function placeReviewComment(
  finding: Finding,
  commentable: ReadonlySet<number>,
  headText: string | undefined,
): ReviewCommentDraft {
  const suggestion = finding.suggestion;
  if (suggestion === undefined || isOnFindingLine(finding, suggestion)) {
    return placeOnFindingLine(finding);
  }

  const startLine = Math.min(finding.line, suggestion.startLine);
  const endLine = Math.max(finding.line, suggestion.endLine);
  const widened =
    headText === undefined ||
    !isRangeCommentable(commentable, startLine, endLine)
      ? undefined
      : widenSuggestion(suggestion, headText, startLine, endLine);
  if (widened === undefined) return placeOnFindingLine(finding);

  const placement: CommentPlacement = { startLine, line: endLine };
  const body = formatReviewComment(
    { ...finding, suggestion: widened },
    placement,
  );
  return {
    path: finding.path,
    start_line: startLine,
    start_side: "RIGHT",
    line: endLine,
    side: "RIGHT",
    body,
  };
}

/**
 * Places the comment on the finding's line alone. The reporter includes
 * the suggestion only when it covers exactly that line.
 */
function placeOnFindingLine(finding: Finding): ReviewCommentDraft {
  return {
    path: finding.path,
    line: finding.line,
    side: "RIGHT",
    body: formatReviewComment(finding),
  };
}

function isOnFindingLine(finding: Finding, suggestion: Suggestion): boolean {
  return (
    suggestion.startLine === finding.line && suggestion.endLine === finding.line
  );
}

function isRangeCommentable(
  commentable: ReadonlySet<number>,
  startLine: number,
  endLine: number,
): boolean {
  for (let line = startLine; line <= endLine; line++) {
    if (!commentable.has(line)) return false;
  }
  return true;
}

/**
 * Extends the replacement with the head lines of the range before and
 * after the suggestion, or returns undefined when the text is shorter
 * than the range.
 */
function widenSuggestion(
  suggestion: Suggestion,
  headText: string,
  startLine: number,
  endLine: number,
): Suggestion | undefined {
  const lines = headText.split(/\r?\n/);
  if (endLine > lines.length) return undefined;

  const before = lines.slice(startLine - 1, suggestion.startLine - 1);
  const after = lines.slice(suggestion.endLine, endLine);
  return {
    startLine,
    endLine,
    replacement: [...before, suggestion.replacement, ...after].join("\n"),
  };
}
