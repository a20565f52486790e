import { rerunForCommit } from "../github/rerun-for-commit.js";
import { runPullRequestReview } from "../github/run-pull-request-review.js";
import type { ReviewDispatcher } from "./review-dispatcher.js";
import { waitWithTimeout } from "./wait-with-timeout.js";

/**
 * Runs each review in the app process, inside the webhook handler, which
 * is what one machine without Redis needs. Probot responds to a webhook that
 * takes longer than GitHub's 10-second timeout with 202 and lets the
 * review go on; `close` waits for such reviews.
 */
export function createInProcessDispatcher(): ReviewDispatcher {
  const running = new Set<Promise<unknown>>();
  const track = async (work: Promise<unknown>): Promise<void> => {
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  };

  return {
    review: (context, job) =>
      track(runPullRequestReview(context.octokit, context.log, job)),
    rerun: (context, request) =>
      track(rerunForCommit(context.octokit, context.log, request)),
    checkReadiness: async () => undefined,
    close: async (timeoutMs) => {
      await waitWithTimeout(Promise.allSettled([...running]), timeoutMs);
    },
  };
}
