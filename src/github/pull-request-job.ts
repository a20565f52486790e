/** One review of one pull request at one head commit. */
export interface PullRequestJob {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  /**
   * A check run created before the job started, for example by the webhook
   * handler that queued it; the job creates its own when this is unset.
   */
  checkRunId?: number;
}

/** Name of the check run on every reviewed commit. */
export const CHECK_RUN_NAME = "Structra F-03";
