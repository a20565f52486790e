import { isRateLimited } from "./classify-job-error.js";

/** Maximum wait between two attempts of a job. */
const MAX_RETRY_DELAY_MS = 15 * 60_000;

/**
 * Computes the wait before the next attempt of a failed job. A rate-limited
 * request waits as long as GitHub requests (`retry-after` in seconds, or until
 * `x-ratelimit-reset`); anything else backs off exponentially from
 * `baseDelayMs`. Up to a fifth is added at random, so jobs that failed
 * together do not all come back at the same moment.
 */
export function computeRetryDelay(
  attemptsMade: number,
  error: unknown,
  baseDelayMs: number,
  now = Date.now(),
  random = Math.random,
): number {
  const requested = readRequestedDelay(error, now);
  const exponential = baseDelayMs * 2 ** Math.max(0, attemptsMade - 1);
  const delay = Math.min(requested ?? exponential, MAX_RETRY_DELAY_MS);
  return Math.round(delay * (1 + random() / 5));
}

function readRequestedDelay(error: unknown, now: number): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const shape = error as {
    response?: { headers?: Record<string, unknown> };
  };
  if (!isRateLimited(shape)) return undefined;
  const headers = shape.response?.headers ?? {};

  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const resetSeconds = Number(headers["x-ratelimit-reset"]);
  if (Number.isFinite(resetSeconds) && resetSeconds > 0) {
    return Math.max(0, resetSeconds * 1000 - now);
  }
  // GitHub's advice for a secondary rate limit without a retry-after
  // header is to wait at least a minute.
  return 60_000;
}
