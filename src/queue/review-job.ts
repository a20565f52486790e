import type { PullRequestJob } from "../github/pull-request-job.js";

/** Name of the BullMQ queue that contains the review jobs. */
export const REVIEW_QUEUE_NAME = "reviews";

/** BullMQ job name of a pull request review. */
export const REVIEW_JOB_NAME = "review-pull-request";

/** A queued review: the pull request job plus what a worker needs to run it. */
export interface ReviewJobData extends PullRequestJob {
  /** Installation whose token the worker requests. */
  installationId: number;
  /** The webhook delivery that queued the job, for the logs. */
  deliveryId: string;
  /** Set when someone re-requested the check, so a re-run is not a duplicate. */
  rerun?: boolean;
}

/**
 * Returns the job id of a review: the same repository, pull request and
 * head commit give the same id, so BullMQ keeps one job for duplicate
 * deliveries. BullMQ rejects ids with a colon, which no owner, repository
 * name or SHA contains.
 */
export function getReviewJobId(
  job: Pick<PullRequestJob, "owner" | "repo" | "pullNumber" | "headSha">,
): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}@${job.headSha}`;
}

/**
 * Returns the job id of a re-requested review. A re-run must not collapse
 * into the first review of the commit, but a re-delivery of the same
 * re-request must collapse into its first delivery, so the id adds the
 * delivery id, which GitHub keeps on re-delivery.
 */
export function getRerunJobId(
  job: Pick<PullRequestJob, "owner" | "repo" | "pullNumber" | "headSha">,
  deliveryId: string,
): string {
  return `${getReviewJobId(job)}~rerun-${deliveryId.replaceAll(":", "-")}`;
}
