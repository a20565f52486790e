import type { Logger, ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import { describeRejected } from "./describe-rejected.js";
import { describeUnposted } from "./describe-unposted.js";
import { listReviewComments } from "./list-review-comments.js";
import { publishReview } from "./publish-review.js";
import type { PullRequestJob } from "./pull-request-job.js";
import { resolveFixedThreads } from "./resolve-fixed-threads.js";
import type { PullRequestReview } from "./review-pull-request.js";

export interface Publication {
  /** Inline comments posted by this run. */
  posted: number;
  /** Review threads resolved because their finding is gone. */
  resolved: number;
  /** Remarks for the check summary. */
  notes: string[];
}

/**
 * Posts the review comments of new findings, unless the configuration
 * turned inline comments off, and resolves the threads of findings that
 * are gone. The caller has checked that the job's head is still the pull
 * request's head.
 */
export async function publishFindings(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  runId: string,
  result: PullRequestReview,
  config: StructraConfig,
): Promise<Publication> {
  const comments = await listReviewComments(octokit, job);
  const publication: Publication = { posted: 0, resolved: 0, notes: [] };
  const findings = result.review.findings;

  if (findings.length > 0 && !config.comments.inline) {
    publication.notes.push(
      "Inline comments are off (`comments.inline: false`), so findings appear only in this check.",
    );
  } else if (findings.length > 0) {
    const { max } = config.comments;
    const review = await publishReview(
      octokit,
      log,
      job,
      {
        findings,
        changedFiles: result.changedFiles,
        sourceTexts: result.sourceTexts,
        max,
        runId,
      },
      comments,
    );
    publication.posted = review.posted.length;
    const unposted = describeUnposted(review.overCap, max);
    if (unposted !== undefined) publication.notes.push(unposted);
    const rejected = describeRejected(review.rejected);
    if (rejected !== undefined) publication.notes.push(rejected);
  }

  const listed = new Set(result.changedFiles.map((file) => file.path));
  publication.resolved = await resolveFixedThreads(octokit, job, comments, {
    current: new Set(findings.map((finding) => finding.fingerprint)),
    isSettled: (path) =>
      !result.unsettledPaths.has(path) &&
      (listed.has(path) || !result.truncated),
  });
  if (publication.resolved > 0) {
    const threads =
      publication.resolved === 1
        ? "1 review thread"
        : `${publication.resolved} review threads`;
    publication.notes.push(
      `Resolved ${threads} whose finding is no longer in the changes.`,
    );
  }
  return publication;
}
