import { formatInlineCode } from "../reporters/markdown.js";
import type { Finding } from "../types.js";

/**
 * Findings named one by one in the note. The findings table may be cut
 * at GitHub's size limit, while the annotations cover every finding.
 */
const MAX_NAMED_FINDINGS = 20;

/**
 * Describes the new findings left without an inline comment because the
 * cap was reached, or returns undefined when there are none.
 */
export function describeUnposted(
  overCap: readonly Finding[],
  max: number,
): string | undefined {
  if (overCap.length === 0) return undefined;

  const named = overCap
    .slice(0, MAX_NAMED_FINDINGS)
    .map(
      (finding) =>
        `${formatInlineCode(`${finding.path}:${finding.line}`)} ${finding.ruleId}`,
    );
  const rest = overCap.length - named.length;
  const tail = rest > 0 ? ` and ${rest} more` : "";
  const count =
    overCap.length === 1
      ? "1 new finding was"
      : `${overCap.length} new findings were`;
  return `${count} not posted as inline comments because \`comments.max\` is ${max}: ${named.join(", ")}${tail}. Each finding has an annotation on this check; the findings table above may be cut short to fit GitHub's size limit.`;
}
