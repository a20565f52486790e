/** Retries of one request after rate-limit responses before the run fails. */
export const MAX_RATE_LIMIT_RETRIES = 3;

/**
 * Maximum wait accepted before a retry, in seconds. A longer Retry-After
 * or primary reset fails the run at once, and its check run instructs the
 * user to re-run later, instead of holding a worker for up to an hour.
 */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 120;

/**
 * Wait before retrying a secondary rate limit response without a
 * Retry-After header: "wait for at least one minute" (GitHub REST docs,
 * "Rate limits for the REST API").
 */
export const DEFAULT_SECONDARY_RATE_LIMIT_WAIT_SECONDS = 60;

type LimitKind = "primary" | "secondary";

interface LimitedRequest {
  method: string;
  url: string;
}

interface OctokitWithLog {
  log: { warn: (fields: object, message: string) => void };
}

/**
 * Returns a throttling-plugin handler that retries while the request has
 * retries left and the wait is acceptable, logging each decision.
 */
export function decideRateLimitRetry(kind: LimitKind) {
  return (
    retryAfter: number,
    request: LimitedRequest,
    octokit: OctokitWithLog,
    retryCount: number,
  ): boolean => {
    const retry =
      retryCount < MAX_RATE_LIMIT_RETRIES &&
      retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
    octokit.log.warn(
      {
        limit: kind,
        method: request.method,
        url: request.url,
        retryAfter,
        retryCount,
      },
      retry
        ? "GitHub rate limit hit; retrying after the wait"
        : "GitHub rate limit hit; giving up",
    );
    return retry;
  };
}

/**
 * Reads SECONDARY_RATE_LIMIT_WAIT_SECONDS, the wait for secondary rate
 * limit responses without Retry-After.
 *
 * @throws Error when the value is not a positive number.
 */
export function readSecondaryRateLimitWait(env: NodeJS.ProcessEnv): number {
  const raw = env.SECONDARY_RATE_LIMIT_WAIT_SECONDS;
  if (raw === undefined || raw.trim() === "") {
    return DEFAULT_SECONDARY_RATE_LIMIT_WAIT_SECONDS;
  }
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(
      `SECONDARY_RATE_LIMIT_WAIT_SECONDS is invalid: ${JSON.stringify(raw)}. Set it to a positive number of seconds, or unset it for the default of ${DEFAULT_SECONDARY_RATE_LIMIT_WAIT_SECONDS}.`,
    );
  }
  return seconds;
}
