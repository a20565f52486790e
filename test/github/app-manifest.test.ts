import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifest = parse(
  readFileSync(new URL("../../app.yml", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("app.yml", () => {
  it("asks only for the permissions the app uses", () => {
    expect(manifest.default_permissions).toEqual({
      checks: "write",
      pull_requests: "write",
      contents: "read",
      metadata: "read",
      merge_queues: "read",
    });
  });

  it("subscribes only to the handled events", () => {
    expect(manifest.default_events).toEqual([
      "pull_request",
      "check_run",
      "check_suite",
      "merge_group",
    ]);
  });

  it("is private to the registering organisation", () => {
    expect(manifest.public).toBe(false);
  });

  it("has no apostrophe in its JSON", () => {
    // Probot's setup page puts the manifest's JSON in a single-quoted HTML
    // attribute without escaping, so an apostrophe cuts it short.
    expect(JSON.stringify(manifest)).not.toContain("'");
  });

  it("leaves the webhook URL to Probot", () => {
    expect(manifest).not.toHaveProperty("hook_attributes");
  });
});
