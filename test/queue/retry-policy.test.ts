import { describe, expect, it } from "vitest";

import { classifyJobError } from "../../src/queue/classify-job-error.js";
import { computeRetryDelay } from "../../src/queue/compute-retry-delay.js";

/** Builds an error shaped like Octokit's RequestError. */
function httpError(
  status: number,
  message = "error",
  headers: Record<string, string> = {},
): Error {
  return Object.assign(new Error(message), {
    status,
    response: { headers },
  });
}

describe("classifyJobError", () => {
  it.each([
    ["502 Bad Gateway", httpError(502)],
    ["500 from a failed connection", httpError(500, "fetch failed")],
    ["429 Too Many Requests", httpError(429)],
    [
      "403 secondary rate limit",
      httpError(403, "You have exceeded a secondary rate limit"),
    ],
    [
      "403 with retry-after",
      httpError(403, "Forbidden", { "retry-after": "30" }),
    ],
    [
      "403 with no quota left",
      httpError(403, "API rate limit exceeded", {
        "x-ratelimit-remaining": "0",
      }),
    ],
    [
      "ECONNRESET",
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    ],
    [
      "a wrapped connect timeout",
      new Error("fetch failed", {
        cause: Object.assign(new Error("timeout"), {
          code: "UND_ERR_CONNECT_TIMEOUT",
        }),
      }),
    ],
  ])("retries %s", (_name, error) => {
    expect(classifyJobError(error)).toBe("transient");
  });

  it.each([
    ["404 Not Found", httpError(404)],
    ["401 Bad credentials", httpError(401)],
    ["403 without a rate limit", httpError(403, "Resource not accessible")],
    ["422 Unprocessable Entity", httpError(422)],
    ["a TypeError", new TypeError("x is undefined")],
    ["a string", "failed"],
  ])("gives up on %s", (_name, error) => {
    expect(classifyJobError(error)).toBe("permanent");
  });
});

describe("computeRetryDelay", () => {
  const noJitter = () => 0;
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("doubles the delay per attempt", () => {
    const error = httpError(502);

    expect(computeRetryDelay(1, error, 1000, now, noJitter)).toBe(1000);
    expect(computeRetryDelay(2, error, 1000, now, noJitter)).toBe(2000);
    expect(computeRetryDelay(4, error, 1000, now, noJitter)).toBe(8000);
  });

  it("caps the delay at 15 minutes", () => {
    expect(computeRetryDelay(30, httpError(502), 1000, now, noJitter)).toBe(
      900_000,
    );
  });

  it("adds at most a fifth as jitter", () => {
    expect(computeRetryDelay(1, httpError(502), 1000, now, () => 1)).toBe(1200);
  });

  it("waits as long as retry-after asks", () => {
    const error = httpError(429, "Too many", { "retry-after": "42" });

    expect(computeRetryDelay(1, error, 1000, now, noJitter)).toBe(42_000);
  });

  it("waits until the rate limit resets", () => {
    const reset = String(now / 1000 + 90);
    const error = httpError(403, "API rate limit exceeded", {
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": reset,
    });

    expect(computeRetryDelay(1, error, 1000, now, noJitter)).toBe(90_000);
  });

  it("waits a minute on a bare secondary rate limit", () => {
    const error = httpError(403, "You have exceeded a secondary rate limit");

    expect(computeRetryDelay(1, error, 1000, now, noJitter)).toBe(60_000);
  });
});
