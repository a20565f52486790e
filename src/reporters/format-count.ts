import type { Finding, Level } from "../types.js";

/** Formats a count with its noun: `1 finding`, `2 findings`. */
export function formatCount(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Counts findings per level; every level is present, zero included. */
export function countByLevel(
  findings: readonly Finding[],
): Record<Level, number> {
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.level]++;
  return counts;
}

/** Counts findings per rule id, in order of first appearance. */
export function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  }
  return counts;
}
