import type { ProbotOctokit } from "probot";

import type { DispatchContext } from "./review-dispatcher.js";

/**
 * Creates a client for the webhook handler's own few writes (creating a
 * check run, completing a superseded one) with Octokit's request pacing
 * off. The throttling plugin spaces an installation's write requests a
 * second apart in each process. During a burst of events from one
 * organisation every handler would wait its turn, so responses would soon
 * exceed GitHub's 10-second webhook timeout. A rate-limit response is not
 * retried here, because the caller then leaves the work to the worker,
 * whose client paces its requests.
 */
export function createUnpacedOctokit(
  context: DispatchContext,
  installationId: number,
): ProbotOctokit {
  // The event client's class carries the app's credentials, token cache,
  // base URL, logger and retry settings as defaults.
  const Octokit = context.octokit.constructor as typeof ProbotOctokit;
  return new Octokit({
    auth: { installationId },
    throttle: { enabled: false },
  });
}
