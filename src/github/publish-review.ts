import { setTimeout as sleep } from "node:timers/promises";

import type { Logger, ProbotOctokit } from "probot";

import type { ChangedFile } from "../diff/index.js";
import type { Finding } from "../types.js";
import {
  discardOwnPendingReview,
  findOtherPendingReview,
  STALE_PENDING_REVIEW_MS,
} from "./abandoned-pending-review.js";
import type { RejectedComment } from "./find-rejected-comments.js";
import {
  listReviewComments,
  type ReviewComment,
} from "./list-review-comments.js";
import {
  planReviewComments,
  type PlannedComment,
} from "./plan-review-comments.js";
import type { PullRequestJob } from "./pull-request-job.js";
import { collectFingerprints, tryPublishReview } from "./try-publish-review.js";

/** How long a run waits for another run's pending review to go. */
export const REVIEW_LOCK_WAIT_MS = 60_000;

/**
 * Waits between looks at another run's pending review. The last one is
 * repeated.
 */
const LOCK_POLL_DELAYS_MS = [1000, 2000, 3000, 5000];

/** Plans a run makes after deleting a pending review, before it gives up. */
const MAX_REPLANS = 5;

/** Thrown when another run's pending review stayed for the whole wait. */
export class ReviewBusyError extends Error {
  override name = "ReviewBusyError";
}

export interface ReviewRequest {
  findings: readonly Finding[];
  changedFiles: readonly ChangedFile[];
  sourceTexts: ReadonlyMap<string, string>;
  max: number;
  /** Id of this run, written into the review's marker. */
  runId: string;
}

export interface ReviewPublication {
  /** The comments of the submitted review; empty when none was needed. */
  posted: PlannedComment[];
  /** New findings left out because the cap was reached. */
  overCap: Finding[];
  /** Comments GitHub rejected, left out of the review. */
  rejected: RejectedComment[];
}

/**
 * Posts one review with an inline comment per new finding, up to `max`.
 * Findings whose marker is already in a review comment are skipped, so a
 * re-delivered event posts nothing twice. Runs that overlap, in one
 * process or in several replicas, take turns through GitHub's rule of one
 * pending review per author. A run creates its review as pending, reads
 * the comments again, and submits only if no run posted the same findings
 * meanwhile. A run that finds another run's fresh pending review waits
 * and plans again, and deletes one older than
 * {@link STALE_PENDING_REVIEW_MS}. `existing` is the pull request's
 * current review comments.
 */
export async function publishReview(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  request: ReviewRequest,
  existing: readonly ReviewComment[],
): Promise<ReviewPublication> {
  const deadline = Date.now() + REVIEW_LOCK_WAIT_MS;
  const rejected: RejectedComment[] = [];
  let comments = existing;
  let waits = 0;
  let replans = 0;

  try {
    for (;;) {
      const pending = await findOtherPendingReview(
        octokit,
        log,
        job,
        request.runId,
      );
      // Comments of a pending review are not posted yet, whether or not
      // GitHub lists them to their author.
      const submitted =
        pending === undefined
          ? comments
          : comments.filter(
              (comment) => comment.pullRequestReviewId !== pending.id,
            );
      const plan = planFor(request, submitted, rejected);
      if (plan.comments.length === 0) {
        return { posted: [], overCap: plan.overCap, rejected };
      }

      const attempt =
        pending === undefined
          ? await tryPublishReview(
              octokit,
              log,
              job,
              request.runId,
              plan.comments,
              rejected,
            )
          : ({ kind: "busy" } as const);
      if (attempt.kind === "published") {
        return { posted: attempt.posted, overCap: plan.overCap, rejected };
      }
      if (attempt.kind === "busy") {
        if (Date.now() >= deadline) throw createBusyError();
        const index = Math.min(waits, LOCK_POLL_DELAYS_MS.length - 1);
        waits++;
        await sleep(LOCK_POLL_DELAYS_MS[index]);
      } else if (++replans > MAX_REPLANS) {
        throw new Error(
          `the review was replaced ${MAX_REPLANS} times while other runs posted comments`,
        );
      }
      comments =
        attempt.kind === "replan" && attempt.comments
          ? attempt.comments
          : await listReviewComments(octokit, job);
    }
  } catch (error) {
    await discardOwnPendingReview(octokit, job, request.runId).catch(
      () => undefined,
    );
    throw error;
  }
}

function planFor(
  request: ReviewRequest,
  comments: readonly ReviewComment[],
  rejected: readonly RejectedComment[],
) {
  const rejectedFingerprints = new Set(
    rejected.map((entry) => entry.finding.fingerprint),
  );
  return planReviewComments(
    request.findings.filter(
      (finding) => !rejectedFingerprints.has(finding.fingerprint),
    ),
    {
      postedFingerprints: collectFingerprints(comments),
      commentableLines: new Map(
        request.changedFiles.map((file) => [
          file.path,
          new Set(file.commentableLines),
        ]),
      ),
      sourceTexts: request.sourceTexts,
      max: request.max,
    },
  );
}

function createBusyError(): ReviewBusyError {
  const seconds = REVIEW_LOCK_WAIT_MS / 1000;
  const minutes = STALE_PENDING_REVIEW_MS / 60_000;
  return new ReviewBusyError(
    `another Structra run kept a pending review on this pull request for more than ${seconds} seconds; a pending review older than ${minutes} minutes is removed by the next run`,
  );
}
