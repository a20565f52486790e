import type { ReviewResult } from "../pipeline/review-files.js";
import type { FileError, Finding, SkippedFile } from "../types.js";
import { renderSections, type MarkdownSection } from "./fit-sections.js";
import { countByLevel, countByRule, formatCount } from "./format-count.js";
import { MAX_CHECK_OUTPUT_LENGTH } from "./github-limits.js";
import {
  escapeMarkdown,
  escapeTableCell,
  escapeTablePipes,
  formatInlineCode,
} from "./markdown.js";
import { truncateText } from "./truncate-text.js";

export interface CheckSummaryExtra {
  /** Explanation, shown near the top, of why only part of the pull request was reviewed. */
  partial?: string;
  /** Further remarks, one list entry each. */
  notes?: string[];
}

/** Paths listed per skip reason or in the excluded list before "and N more". */
const MAX_LISTED_PATHS = 20;
/** Length caps of single table cells and list entries, so one item cannot crowd out the rest. */
const MAX_MESSAGE_LENGTH = 300;
const MAX_PATH_LENGTH = 200;
const MAX_NOTE_LENGTH = 2_000;

/**
 * Formats the check run's summary: the outcome, counts by level and rule,
 * the findings table, files that could not be parsed, detector failures,
 * skipped and excluded files, suppressions and notes.
 */
export function formatCheckSummary(
  review: ReviewResult,
  extra: CheckSummaryExtra = {},
): string {
  const { analysis } = review;
  const sections: MarkdownSection[] = [
    formatOverview(review, extra),
    formatFindingsTable(review.findings),
  ].filter((section) => section !== undefined);

  const parseErrors = analysis.errors.filter((error) => !error.detectorId);
  const detectorErrors = analysis.errors.filter((error) => error.detectorId);
  if (parseErrors.length > 0) {
    sections.push(
      formatErrorList(
        "### Files that could not be parsed\n\nThese files were not checked, so findings in them may be missing.",
        parseErrors,
      ),
    );
  }
  if (detectorErrors.length > 0) {
    sections.push(
      formatErrorList(
        "### Detector failures\n\nThese detectors failed on these files, so their findings there may be missing.",
        detectorErrors,
      ),
    );
  }

  sections.push(...formatSkippedFiles(analysis.skipped));
  if (review.excluded.length > 0) {
    sections.push(formatExcluded(review.excluded));
  }
  if (analysis.suppressions.length > 0) {
    sections.push(formatSuppressions(review));
  }
  if (extra.notes && extra.notes.length > 0) {
    sections.push(formatNotes(extra.notes));
  }

  return renderSections(sections, MAX_CHECK_OUTPUT_LENGTH);
}

function formatOverview(
  review: ReviewResult,
  extra: CheckSummaryExtra,
): MarkdownSection {
  const lines = [describeOutcome(review)];
  if (extra.partial) {
    lines.push(
      `> **Partial review:** ${escapeMarkdown(truncateText(extra.partial, MAX_NOTE_LENGTH))}`,
    );
  }

  if (review.findings.length > 0) {
    const levels = countByLevel(review.findings);
    const rules = [...countByRule(review.findings)].map(
      ([ruleId, count]) => `${formatInlineCode(ruleId)} ${count}`,
    );
    lines.push(
      `By level: error ${levels.error}, warning ${levels.warning}, note ${levels.note}.`,
      `By rule: ${rules.join(", ")}.`,
    );
  }
  return { header: lines.join("\n\n"), items: [], formatOmitted: () => "" };
}

function describeOutcome(review: ReviewResult): string {
  if (review.conclusion === "neutral") {
    return "No changed JavaScript or TypeScript server file was analysed, so the check is neutral.";
  }

  const analysed = formatCount(review.analysis.filesAnalyzed, "file");
  const findings = formatCount(review.findings.length, "finding");
  if (review.findings.length === 0) {
    return `No F-03 findings on the changed lines of ${analysed}.`;
  }
  if (review.failing.length === 0) {
    return `${findings} on the changed lines of ${analysed}, all below the fail level, so the check passes.`;
  }
  const failing = review.failing.length;
  const verb = failing === 1 ? "fails" : "fail";
  return `${findings} on the changed lines of ${analysed}; ${failing} at or above the fail level ${verb} the check.`;
}

function formatFindingsTable(
  findings: readonly Finding[],
): MarkdownSection | undefined {
  if (findings.length === 0) return undefined;
  const rows = findings.map((finding) => {
    const cells = [
      escapeTablePipes(formatLocation(finding)),
      escapeTablePipes(formatInlineCode(finding.ruleId)),
      finding.level,
      escapeTableCell(truncateText(finding.message, MAX_MESSAGE_LENGTH)),
    ];
    return `| ${cells.join(" | ")} |`;
  });

  return {
    header:
      "### Findings\n\n| Location | Rule | Level | Message |\n| --- | --- | --- | --- |",
    items: rows,
    formatOmitted: (count) =>
      `${formatCount(count, "more finding")} not listed; see the annotations.`,
  };
}

function formatErrorList(
  introduction: string,
  errors: readonly FileError[],
): MarkdownSection {
  const items = errors.map((error) => {
    const place = error.line ? `${error.path}:${error.line}` : error.path;
    const message = truncateText(error.message, MAX_MESSAGE_LENGTH);
    return `- ${formatPath(place)}: ${escapeMarkdown(message)}`;
  });
  return {
    header: `${introduction}\n`,
    items,
    formatOmitted: (count) => `…and ${formatCount(count, "more file")}.`,
  };
}

/** Groups skipped files by reason, one section per reason, most common first. */
function formatSkippedFiles(
  skipped: readonly SkippedFile[],
): MarkdownSection[] {
  const byReason = new Map<string, string[]>();
  for (const file of skipped) {
    const paths = byReason.get(file.reason) ?? [];
    paths.push(file.path);
    byReason.set(file.reason, paths);
  }

  const groups = [...byReason].sort((a, b) => b[1].length - a[1].length);
  return groups.map(([reason, paths], index) => {
    const heading = index === 0 ? "### Skipped files\n\n" : "";
    const count = formatCount(paths.length, "file");
    return {
      header: `${heading}**${escapeMarkdown(reason)}** (${count}):\n`,
      items: paths.map((path) => `- ${formatPath(path)}`),
      maxItems: MAX_LISTED_PATHS,
      formatOmitted: (omitted) => `…and ${omitted} more.`,
    };
  });
}

function formatExcluded(excluded: readonly string[]): MarkdownSection {
  const count = formatCount(excluded.length, "path");
  return {
    header: `### Excluded by configuration\n\n${count} left out by \`paths\` in the configuration:\n`,
    items: excluded.map((path) => `- ${formatPath(path)}`),
    maxItems: MAX_LISTED_PATHS,
    formatOmitted: (omitted) => `…and ${omitted} more.`,
  };
}

function formatSuppressions(review: ReviewResult): MarkdownSection {
  const items = review.analysis.suppressions.map((suppression) => {
    const place = formatPath(`${suppression.path}:${suppression.line}`);
    const reason = truncateText(suppression.reason, MAX_MESSAGE_LENGTH);
    return `- ${place} ${formatInlineCode(suppression.ruleId)}: ${escapeMarkdown(reason)}`;
  });
  return {
    header: "### Suppressed findings\n",
    items,
    formatOmitted: (count) => `…and ${formatCount(count, "more suppression")}.`,
  };
}

function formatNotes(notes: readonly string[]): MarkdownSection {
  return {
    header: "### Notes\n",
    items: notes.map(
      (note) => `- ${escapeMarkdown(truncateText(note, MAX_NOTE_LENGTH))}`,
    ),
    formatOmitted: (count) => `…and ${formatCount(count, "more note")}.`,
  };
}

/** Formats `path:line` as inline code. */
export function formatLocation(finding: Finding): string {
  return formatPath(`${finding.path}:${finding.line}`);
}

function formatPath(path: string): string {
  return formatInlineCode(truncateText(path, MAX_PATH_LENGTH));
}
