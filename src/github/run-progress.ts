import type { CheckConclusion } from "./complete-check-run.js";

export interface RunOutcome {
  conclusion: CheckConclusion;
  /** Findings on the pull request's added lines. */
  findings: number;
  /** Inline comments posted by this run. */
  posted: number;
  /** Review threads resolved because their finding is gone. */
  resolved: number;
}

/** Progress of a run, for the failure summary and the final log line. */
export interface RunProgress extends RunOutcome {
  /** The step under way, worded to follow "stopped while". */
  step: string;
}

/** Creates the progress of a run that has not started: it fails unless a step finishes it. */
export function startRunProgress(): RunProgress {
  return {
    step: "starting",
    conclusion: "failure",
    findings: 0,
    posted: 0,
    resolved: 0,
  };
}
