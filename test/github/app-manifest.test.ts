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

  it("leaves the webhook URL to Probot", () => {
    expect(manifest).not.toHaveProperty("hook_attributes");
  });
});
