import { describe, expect, it } from "vitest";

import {
  decideRateLimitRetry,
  MAX_RATE_LIMIT_RETRIES,
  MAX_RATE_LIMIT_WAIT_SECONDS,
  readSecondaryRateLimitWait,
} from "../../src/github/decide-rate-limit-retry.js";

const REQUEST = { method: "GET", url: "/repos/acme/shop/pulls/7/files" };

function createOctokit(warnings: object[]) {
  return { log: { warn: (fields: object) => void warnings.push(fields) } };
}

describe("decideRateLimitRetry", () => {
  it("retries a short wait with retries left", () => {
    const warnings: object[] = [];
    const decide = decideRateLimitRetry("secondary");

    expect(decide(60, REQUEST, createOctokit(warnings), 0)).toBe(true);
    expect(warnings).toEqual([
      expect.objectContaining({
        limit: "secondary",
        retryAfter: 60,
        retryCount: 0,
      }),
    ]);
  });

  it("stops after the last retry", () => {
    const decide = decideRateLimitRetry("secondary");

    expect(
      decide(1, REQUEST, createOctokit([]), MAX_RATE_LIMIT_RETRIES - 1),
    ).toBe(true);
    expect(decide(1, REQUEST, createOctokit([]), MAX_RATE_LIMIT_RETRIES)).toBe(
      false,
    );
  });

  it("refuses a wait above the maximum", () => {
    const decide = decideRateLimitRetry("primary");

    expect(
      decide(MAX_RATE_LIMIT_WAIT_SECONDS + 1, REQUEST, createOctokit([]), 0),
    ).toBe(false);
  });
});

describe("readSecondaryRateLimitWait", () => {
  it("defaults to GitHub's minute", () => {
    expect(readSecondaryRateLimitWait({})).toBe(60);
    expect(
      readSecondaryRateLimitWait({ SECONDARY_RATE_LIMIT_WAIT_SECONDS: " " }),
    ).toBe(60);
  });

  it("reads seconds", () => {
    expect(
      readSecondaryRateLimitWait({ SECONDARY_RATE_LIMIT_WAIT_SECONDS: "2.5" }),
    ).toBe(2.5);
  });

  it("rejects a value that is not positive", () => {
    for (const value of ["0", "-1", "soon"]) {
      expect(() =>
        readSecondaryRateLimitWait({
          SECONDARY_RATE_LIMIT_WAIT_SECONDS: value,
        }),
      ).toThrow(/SECONDARY_RATE_LIMIT_WAIT_SECONDS is invalid/);
    }
  });
});
