/**
 * Whether a failed job is worth another attempt: `transient` for server
 * errors, rate limits and network failures, `permanent` for everything a
 * retry would only repeat (a missing installation, bad credentials, a
 * rejected request, a bug).
 */
export type ErrorKind = "transient" | "permanent";

interface HttpErrorShape {
  status?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown> };
  cause?: unknown;
}

/** Node.js and undici codes of connections that failed or broke. */
const NETWORK_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Classifies an error thrown while running a review job. */
export function classifyJobError(error: unknown): ErrorKind {
  if (typeof error !== "object" || error === null) return "permanent";
  const shape = error as HttpErrorShape;

  if (typeof shape.status === "number") {
    if (shape.status >= 500) return "transient";
    if (shape.status === 408 || shape.status === 429) return "transient";
    if (shape.status === 403 && isRateLimited(shape)) return "transient";
    return "permanent";
  }
  if (hasNetworkCode(shape) || hasNetworkCode(shape.cause)) return "transient";
  return "permanent";
}

/**
 * True for GitHub's primary and secondary rate limits, which respond with 403
 * and `retry-after`, with `x-ratelimit-remaining: 0`, or with a message
 * naming the secondary rate limit (REST docs, "Rate limits for the REST
 * API").
 */
export function isRateLimited(shape: HttpErrorShape): boolean {
  const headers = shape.response?.headers ?? {};
  if (headers["retry-after"] !== undefined) return true;
  if (String(headers["x-ratelimit-remaining"]) === "0") return true;
  return /secondary rate limit/i.test(String(shape.message ?? ""));
}

function hasNetworkCode(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const code = (value as HttpErrorShape).code;
  return typeof code === "string" && NETWORK_ERROR_CODES.has(code);
}
