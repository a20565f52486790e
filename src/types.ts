import type { ts } from "ts-morph";

import type { FileFacts } from "./engine/facts/file-facts.js";
import type { ProjectFacts } from "./engine/facts/project-facts.js";

/**
 * Catalog severity of a finding: critical leaks data between users, high
 * keeps authoritative per-user state in one process, medium degrades a
 * control per instance, low and info are advice.
 */
export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** Reporting level, as in SARIF and in the configuration file. */
export type Level = "error" | "warning" | "note";

/** Per-detector setting in the configuration file. */
export type DetectorSetting = Level | "off";

export const SEVERITIES: readonly Severity[] = [
  "critical",
  "high",
  "medium",
  "low",
  "info",
];

export interface DetectorMeta {
  /** Kebab-case id; the public rule id is `F-03/<id>`. */
  id: string;
  /** One line starting with Disallow. */
  title: string;
  /** Why the pattern breaks horizontal scaling, in one or two sentences. */
  description: string;
  defaultSeverity: Severity;
  /** The fix the detector proposes, in one sentence. */
  fix: string;
  docsUrl: string;
}

/** A GitHub `suggestion` block that replaces whole lines of the new file. */
export interface Suggestion {
  startLine: number;
  endLine: number;
  replacement: string;
}

/** What a detector reports; the engine turns it into a {@link Finding}. */
export interface Report {
  /** The flagged construct: the finding's location and fingerprint. */
  node: ts.Node;
  /** What was found, one sentence. */
  message: string;
  /** Why this instance breaks horizontal scaling. */
  why: string;
  /** The concrete fix for this instance. */
  fix: string;
  /** A short code example of the fix. */
  example?: string;
  severity?: Severity;
  suggestion?: Suggestion;
  /**
   * Other places the finding shows, such as the writes to a flagged
   * container. In a review, when the construct's own line did not change,
   * the finding moves to the first of these on a changed line.
   */
  relatedNodes?: readonly ts.Node[];
}

export interface DetectorContext {
  file: FileFacts;
  project: ProjectFacts;
  report(report: Report): void;
}

export interface Detector {
  meta: DetectorMeta;
  detect(context: DetectorContext): void;
}

export interface Finding {
  detectorId: string;
  /** `F-03/<detector-id>`. */
  ruleId: string;
  title: string;
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  level: Level;
  message: string;
  why: string;
  fix: string;
  example?: string;
  suggestion?: Suggestion;
  docsUrl: string;
  /** Stable identity: detector id, path and normalised construct text. */
  fingerprint: string;
  /** The flagged construct's first line, trimmed, for summaries. */
  snippet: string;
}

export interface SourceInput {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

/** A file that was not analysed, with the reason shown to the user. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** A file that failed to parse or whose detector threw. */
export interface FileError {
  path: string;
  /** 1-based line of the first syntax error, when known. */
  line?: number;
  detectorId?: string;
  message: string;
}

export interface Suppression {
  path: string;
  line: number;
  ruleId: string;
  reason: string;
}

export interface AnalysisResult {
  findings: Finding[];
  errors: FileError[];
  skipped: SkippedFile[];
  suppressions: Suppression[];
  filesAnalyzed: number;
}
