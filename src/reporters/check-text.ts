import type { ReviewResult } from "../pipeline/review-files.js";
import { formatLocation } from "./check-summary.js";
import { renderSections } from "./fit-sections.js";
import { formatCount } from "./format-count.js";
import { MAX_CHECK_OUTPUT_LENGTH } from "./github-limits.js";
import { escapeMarkdown } from "./markdown.js";

/**
 * Formats the check run's details: each finding with why it breaks
 * scaling, its fix and its docs link. Undefined when there is no finding.
 */
export function formatCheckText(review: ReviewResult): string | undefined {
  if (review.findings.length === 0) return undefined;

  const items = review.findings.map((finding) =>
    [
      `#### ${formatLocation(finding)} ${escapeMarkdown(finding.ruleId)} (${finding.level})`,
      escapeMarkdown(finding.message),
      `**Why it breaks scaling:** ${escapeMarkdown(finding.why)}`,
      `**Fix:** ${escapeMarkdown(finding.fix)}`,
      `[${escapeMarkdown(finding.ruleId)} documentation](${finding.docsUrl})`,
    ].join("\n\n"),
  );
  return renderSections(
    [
      {
        header: "## Findings in detail",
        items,
        itemSeparator: "\n\n",
        formatOmitted: (count) =>
          `${formatCount(count, "more finding")} not shown here; see the annotations.`,
      },
    ],
    MAX_CHECK_OUTPUT_LENGTH,
  );
}
