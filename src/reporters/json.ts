import type {
  FileError,
  Finding,
  Level,
  Severity,
  SkippedFile,
  Suggestion,
  Suppression,
} from "../types.js";
import { countByLevel } from "./format-count.js";
import { getReportParts, type ReportInput } from "./report-input.js";

/**
 * The JSON output, version 1. Fields keep their names and order; optional
 * values are `null` rather than missing, so consumers can rely on every
 * key being present. A breaking change raises `version`.
 */
export interface JsonReport {
  version: 1;
  /** Findings sorted by path, line and column. */
  findings: JsonFinding[];
  /** Files that failed to parse (`detectorId` null) or whose detector threw. */
  errors: JsonFileError[];
  /** Files not analysed, with the reason. */
  skipped: SkippedFile[];
  /** Findings hidden by a `structra-disable` comment, with its reason. */
  suppressions: Suppression[];
  summary: {
    /** Files analysed. */
    files: number;
    /** Number of findings. */
    findings: number;
    byLevel: Record<Level, number>;
  };
}

export interface JsonFinding {
  ruleId: string;
  detectorId: string;
  level: Level;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  title: string;
  message: string;
  why: string;
  fix: string;
  example: string | null;
  suggestion: Suggestion | null;
  docsUrl: string;
  fingerprint: string;
  snippet: string;
}

export interface JsonFileError {
  path: string;
  line: number | null;
  detectorId: string | null;
  message: string;
}

/** Builds the JSON report object from a review or an analysis. */
export function createJsonReport(input: ReportInput): JsonReport {
  const { analysis, findings } = getReportParts(input);
  return {
    version: 1,
    findings: findings.map(toJsonFinding),
    errors: analysis.errors.map(toJsonFileError),
    skipped: analysis.skipped.map(({ path, reason }) => ({ path, reason })),
    suppressions: analysis.suppressions.map(
      ({ path, line, ruleId, reason }) => ({ path, line, ruleId, reason }),
    ),
    summary: {
      files: analysis.filesAnalyzed,
      findings: findings.length,
      byLevel: countByLevel(findings),
    },
  };
}

/** Formats the JSON report as indented text ending in a newline. */
export function formatJson(input: ReportInput): string {
  return `${JSON.stringify(createJsonReport(input), null, 2)}\n`;
}

function toJsonFinding(finding: Finding): JsonFinding {
  return {
    ruleId: finding.ruleId,
    detectorId: finding.detectorId,
    level: finding.level,
    severity: finding.severity,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    title: finding.title,
    message: finding.message,
    why: finding.why,
    fix: finding.fix,
    example: finding.example ?? null,
    suggestion: finding.suggestion
      ? {
          startLine: finding.suggestion.startLine,
          endLine: finding.suggestion.endLine,
          replacement: finding.suggestion.replacement,
        }
      : null,
    docsUrl: finding.docsUrl,
    fingerprint: finding.fingerprint,
    snippet: finding.snippet,
  };
}

function toJsonFileError(error: FileError): JsonFileError {
  return {
    path: error.path,
    line: error.line ?? null,
    detectorId: error.detectorId ?? null,
    message: error.message,
  };
}
