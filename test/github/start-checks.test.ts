import { describe, expect, it } from "vitest";

import { checkStartupEnv } from "../../src/github/start-checks.js";

describe("checkStartupEnv", () => {
  it("rejects production without WEBHOOK_SECRET", () => {
    expect(() => checkStartupEnv({ NODE_ENV: "production" })).toThrow(
      /WEBHOOK_SECRET is missing/,
    );
  });

  it("rejects a blank WEBHOOK_SECRET in production", () => {
    expect(() =>
      checkStartupEnv({ NODE_ENV: "production", WEBHOOK_SECRET: "  " }),
    ).toThrow(/WEBHOOK_SECRET/);
  });

  it("accepts production with a secret", () => {
    expect(() =>
      checkStartupEnv({ NODE_ENV: "production", WEBHOOK_SECRET: "s3cret" }),
    ).not.toThrow();
  });

  it("rejects an invalid rate limit wait", () => {
    expect(() =>
      checkStartupEnv({ SECONDARY_RATE_LIMIT_WAIT_SECONDS: "soon" }),
    ).toThrow(/SECONDARY_RATE_LIMIT_WAIT_SECONDS is invalid/);
  });

  it("accepts development without a secret", () => {
    expect(() => checkStartupEnv({ NODE_ENV: "development" })).not.toThrow();
    expect(() => checkStartupEnv({})).not.toThrow();
  });
});
