import type { FileError, Finding } from "../types.js";
import { countByLevel, formatCount } from "./format-count.js";
import { getReportParts, type ReportInput } from "./report-input.js";

const INDENT = "    ";

/**
 * Formats findings for a terminal. Each finding gets a line with its
 * location, level, rule and message, and its fix indented below. A line
 * of totals follows, then any files that could not be analysed, any
 * suppressions and the number of skipped files.
 */
export function formatText(input: ReportInput): string {
  const { analysis, findings, failing } = getReportParts(input);
  const blocks = findings.map(formatFindingBlock);
  blocks.push(formatTotals(findings, analysis.filesAnalyzed, failing));

  if (analysis.errors.length > 0) {
    const lines = analysis.errors.map((error) => INDENT + formatError(error));
    blocks.push(["Not analysed because of errors:", ...lines].join("\n"));
  }
  if (analysis.suppressions.length > 0) {
    const lines = analysis.suppressions.map(
      (suppression) =>
        `${INDENT}${suppression.path}:${suppression.line}  ${suppression.ruleId}  ${suppression.reason}`,
    );
    blocks.push(["Suppressed:", ...lines].join("\n"));
  }
  if (analysis.skipped.length > 0) {
    const skipped = formatCount(analysis.skipped.length, "file");
    blocks.push(
      `${skipped} skipped; the JSON output lists each with its reason.`,
    );
  }
  return blocks.join("\n\n") + "\n";
}

function formatFindingBlock(finding: Finding): string {
  const location = `${finding.path}:${finding.line}:${finding.column}`;
  const head = `${location}  ${finding.level}  ${finding.ruleId}  ${finding.message}`;
  return `${head}\n${INDENT}Fix: ${finding.fix}`;
}

function formatTotals(
  findings: readonly Finding[],
  filesAnalyzed: number,
  failing: readonly Finding[] | undefined,
): string {
  const levels = countByLevel(findings);
  const parts = [
    formatCount(levels.error, "error"),
    formatCount(levels.warning, "warning"),
    formatCount(levels.note, "note"),
  ];
  let totals = `${formatCount(findings.length, "finding")} (${parts.join(", ")}) in ${formatCount(filesAnalyzed, "file")} analysed`;
  if (failing) {
    totals += `; ${failing.length} at or above the fail level`;
  }
  return `${totals}.`;
}

function formatError(error: FileError): string {
  const location = error.line ? `${error.path}:${error.line}` : error.path;
  return `${location}  ${error.message}`;
}
