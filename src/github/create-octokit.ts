import { ProbotOctokit } from "probot";

import {
  decideRateLimitRetry,
  readSecondaryRateLimitWait,
} from "./decide-rate-limit-retry.js";

type OctokitOptions = Record<string, unknown> & {
  throttle?: Record<string, unknown>;
  auth?: unknown;
};

/**
 * Status codes the retry plugin leaves alone. Its defaults, plus 429: the
 * throttling plugin handles rate limits, and retrying them here as well
 * would multiply the attempts and ignore Retry-After.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * Creates the Octokit class for the app, configuring Probot's throttling
 * and retry plugins:
 * - Probot's own handlers give up on secondary rate limits at once and
 *   retry primary ones however long the reset is. These retry both a
 *   bounded number of times, and only while the wait stays short enough
 *   for a webhook or queue job.
 * - The throttling plugin spaces write requests a second apart per
 *   throttle id, as GitHub's best practices ask per user. Probot gives its
 *   event clients the app's id, so one installation's burst would hold up
 *   every other installation's reviews in the process. The id here is the
 *   installation's instead.
 * - Server errors are retried by the retry plugin (3 times, after 1, 4 and
 *   9 seconds), except on the requests that create something, which turn
 *   retries off per request and look the object up before creating it
 *   again.
 */
export function createOctokitClass(): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: OctokitOptions) => {
    const throttle = options.throttle ?? {};
    // The installation client may arrive with throttling switched off, as
    // in tests; keep it off then.
    if (throttle.enabled === false) {
      return { ...options, retry: { doNotRetry: DO_NOT_RETRY } };
    }
    return {
      ...options,
      throttle: {
        ...throttle,
        ...readInstallationThrottleId(options.auth),
        fallbackSecondaryRateRetryAfter: readSecondaryRateLimitWait(
          process.env,
        ),
        onSecondaryRateLimit: decideRateLimitRetry("secondary"),
        onRateLimit: decideRateLimitRetry("primary"),
      },
      retry: { doNotRetry: DO_NOT_RETRY },
    };
  }) as typeof ProbotOctokit;
}

function readInstallationThrottleId(auth: unknown): { id?: string } {
  const installationId = (auth as { installationId?: unknown } | undefined)
    ?.installationId;
  return installationId === undefined ? {} : { id: String(installationId) };
}
