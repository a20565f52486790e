import type { Logger, ProbotOctokit } from "probot";

import type { PullRequestJob } from "../github/pull-request-job.js";
import type { RerunRequest } from "../github/rerun-for-commit.js";

/** The fields of a webhook event's Probot context that a dispatcher reads. */
export interface DispatchContext {
  /** The delivery id, from the X-GitHub-Delivery header. */
  id: string;
  octokit: ProbotOctokit;
  log: Logger;
  payload: {
    action?: string;
    /** The previous head commit, on `pull_request.synchronize`. */
    before?: string;
    installation?: { id: number };
  };
}

/**
 * Runs reviews for the webhook handlers: in the app process, or through
 * the Redis queue that workers take jobs from.
 */
export interface ReviewDispatcher {
  /** Reviews one pull request at its head commit. */
  review(context: DispatchContext, job: PullRequestJob): Promise<void>;
  /** Reviews again every pull request of a re-requested check. */
  rerun(context: DispatchContext, request: RerunRequest): Promise<void>;
  /** Resolves to undefined when ready, else to the reason it is not. */
  checkReadiness(): Promise<string | undefined>;
  /** Waits for the reviews under way, at most `timeoutMs`, then frees its connections. */
  close(timeoutMs: number): Promise<void>;
}
