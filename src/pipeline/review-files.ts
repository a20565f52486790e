import type { StructraConfig } from "../config/config.js";
import { createPathFilter } from "../config/create-path-filter.js";
import type { ChangedFile } from "../diff/index.js";
import { analyze } from "../engine/analyze.js";
import type { AnalysisResult, Finding, Level, SourceInput } from "../types.js";

export interface ReviewInput {
  /** Head-side contents of the files to review. */
  files: SourceInput[];
  /** The diff; when absent, whole files are analysed, as `structra scan` does. */
  changedFiles?: ChangedFile[];
  config: StructraConfig;
}

export interface ReviewResult {
  /** Analysis of the included files, limited to added lines when a diff is given. */
  analysis: AnalysisResult;
  /** Findings in the included files, on added lines when a diff is given. */
  findings: Finding[];
  /** Findings at or above `config.failOn`. */
  failing: Finding[];
  /** `neutral` when no file was analysed. */
  conclusion: "success" | "failure" | "neutral";
  /** Paths left out by `config.paths`, sorted. */
  excluded: string[];
}

const LEVEL_RANK: Readonly<Record<Level, number>> = {
  note: 0,
  warning: 1,
  error: 2,
};

/**
 * Reviews source files: drops the paths the configuration leaves out and
 * analyses the rest. With a diff, only findings on added lines are kept.
 * Pure: no I/O.
 */
export function reviewFiles(input: ReviewInput): ReviewResult {
  const { config } = input;
  const isIncluded = createPathFilter(config.paths);

  const excluded = new Set<string>();
  const included: SourceInput[] = [];
  for (const file of input.files) {
    if (isIncluded(file.path)) included.push(file);
    else excluded.add(file.path);
  }
  for (const changed of input.changedFiles ?? []) {
    if (changed.status !== "removed" && !isIncluded(changed.path)) {
      excluded.add(changed.path);
    }
  }

  const analysis = analyze(included, {
    settings: config.detectors,
    changedLines: input.changedFiles && collectAddedLines(input.changedFiles),
  });
  const findings = analysis.findings;
  const failing = findings.filter((finding) =>
    isAtOrAbove(finding.level, config.failOn),
  );

  return {
    analysis,
    findings,
    failing,
    conclusion: decideConclusion(analysis, failing),
    excluded: [...excluded].sort(),
  };
}

/** True when `level` is `threshold` or more severe: error > warning > note. */
export function isAtOrAbove(level: Level, threshold: Level): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[threshold];
}

/**
 * Collects the added lines by path. Removed and binary files, and files
 * with no added line (a pure rename), have nothing to review, so they are
 * left out and the engine does not parse them.
 */
function collectAddedLines(
  changedFiles: readonly ChangedFile[],
): Map<string, Set<number>> {
  const addedLines = new Map<string, Set<number>>();
  for (const file of changedFiles) {
    if (file.status === "removed" || file.binary) continue;
    if (file.addedLines.length === 0) continue;

    const lines = addedLines.get(file.path) ?? new Set<number>();
    for (const line of file.addedLines) lines.add(line);
    addedLines.set(file.path, lines);
  }
  return addedLines;
}

function decideConclusion(
  analysis: AnalysisResult,
  failing: readonly Finding[],
): ReviewResult["conclusion"] {
  if (analysis.filesAnalyzed === 0) return "neutral";
  return failing.length > 0 ? "failure" : "success";
}
