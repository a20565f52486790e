import type { ProbotOctokit } from "probot";

import {
  chunkAnnotations,
  type CheckAnnotation,
} from "../reporters/check-run.js";
import { MAX_ANNOTATIONS_PER_REQUEST } from "../reporters/github-limits.js";

export type CheckConclusion = "success" | "failure" | "neutral" | "cancelled";

export interface CheckRunTarget {
  owner: string;
  repo: string;
  checkRunId: number;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
}

/**
 * Completes a check run. The first batch of annotations goes with the
 * completing update and each further batch with an update of its own,
 * because GitHub accepts a limited number per request.
 */
export async function completeCheckRun(
  octokit: ProbotOctokit,
  target: CheckRunTarget,
  conclusion: CheckConclusion,
  output: CheckOutput,
): Promise<void> {
  const { annotations = [], ...text } = output;
  const [first, ...rest] = chunkAnnotations(
    annotations,
    MAX_ANNOTATIONS_PER_REQUEST,
  );

  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: target.checkRunId,
    status: "completed",
    conclusion,
    completed_at: new Date().toISOString(),
    output: first ? { ...text, annotations: first } : text,
  });

  for (const batch of rest) {
    await octokit.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: target.checkRunId,
      output: { ...text, annotations: batch },
    });
  }
}
