import type { Finding, Suggestion } from "../types.js";
import { MAX_COMMENT_BODY_LENGTH } from "./github-limits.js";
import { formatMarker } from "./marker.js";
import {
  escapeMarkdown,
  formatCodeBlock,
  getCodeLanguage,
} from "./markdown.js";
import { truncateText } from "./truncate-text.js";

/**
 * Caps on the prose fields before escaping. Escaping at most quadruples a
 * character (`<` becomes `&lt;`), so the heading and the three paragraphs
 * stay under 50,000 characters and the marker always fits.
 */
const MAX_TITLE_LENGTH = 300;
const MAX_PARAGRAPH_LENGTH = 4_000;

const SHORTENED_EXAMPLE_NOTE =
  "_The example was shortened to fit GitHub's comment size limit._";
const DROPPED_SUGGESTION_NOTE =
  "_The suggested change is too long for a comment; apply the fix by hand._";

/** Lines a review comment is attached to, as the REST API's `start_line` and `line`. */
export interface CommentPlacement {
  startLine?: number;
  line: number;
}

/**
 * Formats a finding as a pull-request review comment: heading, what was
 * found, why it breaks horizontal scaling, the fix, an example, a GitHub
 * `suggestion` block when the finding has one, the docs link and the
 * hidden marker. The body stays under GitHub's comment size limit. To
 * get there, the example is shortened first and the suggestion dropped
 * second, while the marker is always kept.
 *
 * GitHub applies a suggestion to the lines the comment is attached to, so
 * the block is included only when `placement` (by default the finding's
 * line alone) covers exactly the suggestion's lines.
 */
export function formatReviewComment(
  finding: Finding,
  placement: CommentPlacement = { line: finding.line },
): string {
  const head = [
    formatHeading(finding),
    formatParagraph(finding.message),
    `**Why it breaks scaling:** ${formatParagraph(finding.why)}`,
    `**Fix:** ${formatParagraph(finding.fix)}`,
  ];
  const tail = [formatDocsLink(finding), formatMarker(finding.fingerprint)];

  let suggestion =
    finding.suggestion && coversSuggestion(placement, finding.suggestion)
      ? formatCodeBlock(finding.suggestion.replacement, "suggestion")
      : undefined;
  const fixedLength = measure([...head, ...tail]);
  if (
    suggestion &&
    fixedLength + measure([suggestion]) > MAX_COMMENT_BODY_LENGTH
  ) {
    suggestion = DROPPED_SUGGESTION_NOTE;
  }

  const budget =
    MAX_COMMENT_BODY_LENGTH -
    fixedLength -
    measure(suggestion ? [suggestion] : []);
  const example = finding.example
    ? fitExample(finding.example, getCodeLanguage(finding.path), budget)
    : undefined;

  const parts = [...head, example, suggestion, ...tail];
  return parts.filter((part) => part !== undefined).join("\n\n") + "\n";
}

function coversSuggestion(
  placement: CommentPlacement,
  suggestion: Suggestion,
): boolean {
  const startLine = placement.startLine ?? placement.line;
  return (
    startLine === suggestion.startLine && placement.line === suggestion.endLine
  );
}

function formatHeading(finding: Finding): string {
  const title = escapeMarkdown(truncateText(finding.title, MAX_TITLE_LENGTH));
  return `**${escapeMarkdown(finding.ruleId)}** · ${finding.severity} · ${title}`;
}

function formatParagraph(text: string): string {
  return escapeMarkdown(truncateText(text.trim(), MAX_PARAGRAPH_LENGTH));
}

function formatDocsLink(finding: Finding): string {
  const url = finding.docsUrl.replace(/[\s()<>]/g, encodeURIComponent);
  return `[${escapeMarkdown(finding.ruleId)} documentation](${url})`;
}

/**
 * Formats the example as a code block of at most `budget` characters,
 * separator included. An example that does not fit is cut after the last
 * whole line that does, followed by a note about the cut. Without even one
 * line that fits, the example is left out.
 */
function fitExample(
  code: string,
  language: string,
  budget: number,
): string | undefined {
  const full = formatCodeBlock(code, language);
  if (measure([full]) <= budget) return full;

  // Part of the example never needs a longer fence than the whole.
  const fenceLength = full.indexOf(language);
  const overhead = measure([`${language}\n\n`]) + 2 * fenceLength;
  const available = budget - overhead - measure([SHORTENED_EXAMPLE_NOTE]);
  const keptLines: string[] = [];
  let length = 0;
  for (const line of code.split("\n")) {
    if (length + line.length + 1 > available) break;
    keptLines.push(line);
    length += line.length + 1;
  }

  if (keptLines.length === 0) return undefined;
  const block = formatCodeBlock(keptLines.join("\n"), language);
  return `${block}\n\n${SHORTENED_EXAMPLE_NOTE}`;
}

/** Length of parts joined the way the comment joins them, counting one separator each. */
function measure(parts: readonly string[]): number {
  return parts.reduce((total, part) => total + part.length + 2, 0);
}
