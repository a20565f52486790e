import type { ReviewResult } from "../pipeline/review-files.js";
import type { AnalysisResult, Finding } from "../types.js";

/** Input of the text and JSON reporters: a review of changes, or a whole-file analysis. */
export type ReportInput = ReviewResult | AnalysisResult;

export interface ReportParts {
  analysis: AnalysisResult;
  findings: Finding[];
  /** Findings at or above the fail level; known for a review only. */
  failing?: Finding[];
}

export function getReportParts(input: ReportInput): ReportParts {
  if ("analysis" in input) {
    return {
      analysis: input.analysis,
      findings: input.findings,
      failing: input.failing,
    };
  }
  return { analysis: input, findings: input.findings };
}
