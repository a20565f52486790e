import { afterAll, beforeAll, describe, it } from "vitest";

import { parseMarkers } from "../../src/reporters/marker.js";
import { SECONDARY_RATE_LIMIT_MESSAGE } from "./fake-github/fake-github.js";
import { LOG_LEVEL, type AppProcess } from "./support/app-process.js";
import {
  E2E_TIMEOUT_MS,
  E2eEnvironment,
  type Scenario,
} from "./support/e2e-environment.js";
import {
  buildAddedPatch,
  buildSessionServer,
  SESSION_LINE,
  SESSION_SERVER,
} from "./support/sources.js";

const LIST_FILES = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";
const GET_PULL = "GET /repos/{owner}/{repo}/pulls/{pull_number}";
const BLOBS = "POST /graphql blobs";
const CREATE_CHECK_RUN = "POST /repos/{owner}/{repo}/check-runs";
const LIST_CHECK_RUNS = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
const CREATE_REVIEW = "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
const DELETE_REVIEW =
  "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}";

/**
 * A server with ten lines after the session, so a change at the end of
 * the file leaves the session's line outside GitHub's hunk.
 */
const LEGACY = `${buildSessionServer("legacy")}${"// unchanged\n".repeat(10)}`;

let env: E2eEnvironment;
let app: AppProcess;

beforeAll(async () => {
  env = await E2eEnvironment.start();
  app = await env.startApp();
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

/**
 * Opens a pull request in a new repository, lets `prepare` inject faults,
 * and reviews it.
 */
async function reviewNewPull(
  name: string,
  prepare: (scenario: Scenario) => void = () => undefined,
  changes: Record<string, string> = { "src/server.js": SESSION_SERVER },
  options: Parameters<Scenario["openPullRequest"]>[2] = {},
) {
  const scenario = env.createScenario(app, name, {
    "README.md": "# Shop\n",
    "src/legacy.js": LEGACY,
  });
  const pull = scenario.openPullRequest(1, changes, options);
  prepare(scenario);
  const finished = await scenario.review(1);
  const [run] = scenario.checkRuns(pull.headSha);
  return { scenario, pull, finished, run };
}

function countRateLimitWarnings(scenario: Scenario): number {
  return app.logs.filter(
    (record) =>
      record.level === LOG_LEVEL.warn &&
      String(record.url).includes(`/repos/${scenario.repo}/`) &&
      record.msg === "GitHub rate limit hit; retrying after the wait",
  ).length;
}

describe.concurrent(
  "secondary rate limits",
  { timeout: E2E_TIMEOUT_MS },
  () => {
    it("retries a 403 after its Retry-After", async ({ expect }) => {
      const { scenario, finished, run } = await reviewNewPull(
        "limit-403",
        (scenario) =>
          scenario.inject(LIST_FILES, {
            status: 403,
            message: SECONDARY_RATE_LIMIT_MESSAGE,
            retryAfter: 1,
            count: 2,
          }),
      );

      expect(scenario.statuses(LIST_FILES)).toEqual([403, 403, 200]);
      expect(finished).toMatchObject({ conclusion: "failure", posted: 1 });
      expect(run?.output.title).toBe("1 finding fails the check");
      expect(countRateLimitWarnings(scenario)).toBe(2);
    });

    it("retries a 429 without Retry-After", async ({ expect }) => {
      // The test sets SECONDARY_RATE_LIMIT_WAIT_SECONDS=1 in place of
      // GitHub's minute.
      const { scenario, finished } = await reviewNewPull(
        "limit-429",
        (scenario) =>
          scenario.inject(BLOBS, {
            status: 429,
            message: SECONDARY_RATE_LIMIT_MESSAGE,
          }),
      );

      expect(scenario.statuses(BLOBS)).toEqual([429, 200]);
      expect(finished).toMatchObject({ conclusion: "failure", posted: 1 });
    });

    it("gives up after three retries", async ({ expect }) => {
      const { scenario, finished, run } = await reviewNewPull(
        "limit-exhausted",
        (scenario) =>
          scenario.inject(LIST_FILES, {
            status: 403,
            message: SECONDARY_RATE_LIMIT_MESSAGE,
            retryAfter: 1,
            count: 10,
          }),
      );

      expect(scenario.statuses(LIST_FILES)).toEqual([403, 403, 403, 403]);
      expect(finished).toMatchObject({ conclusion: "failure", posted: 0 });
      expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
      expect(run?.output.title).toBe("Structra could not finish the review");
      const summary = run?.output.summary ?? "";
      expect(summary).toContain("stopped while listing the changed files");
      expect(summary).toContain("HTTP status 403");
      expect(summary).toContain("rate limit");
      expect(summary).toContain("**Re-run**");
    });

    it("fails at once on a long Retry-After", async ({ expect }) => {
      const { scenario, finished, run } = await reviewNewPull(
        "limit-long",
        (scenario) =>
          scenario.inject(LIST_FILES, {
            status: 429,
            message: SECONDARY_RATE_LIMIT_MESSAGE,
            retryAfter: 3600,
          }),
      );

      expect(scenario.statuses(LIST_FILES)).toEqual([429]);
      expect(finished?.durationMs).toBeLessThan(20_000);
      expect(run?.conclusion).toBe("failure");
      expect(run?.output.summary).toContain("HTTP status 429");
      expect(run?.output.summary).toContain("Wait a few minutes");
    });
  },
);

describe.concurrent("server errors", { timeout: E2E_TIMEOUT_MS }, () => {
  it("retries a failed read", async ({ expect }) => {
    const { scenario, finished } = await reviewNewPull("read-502", (scenario) =>
      scenario.inject(GET_PULL, { status: 502 }),
    );

    expect(scenario.statuses(GET_PULL)).toEqual([502, 200, 200]);
    expect(finished).toMatchObject({ conclusion: "failure", posted: 1 });
  });

  it("never duplicates a review created before a 502", async ({ expect }) => {
    const { scenario, finished } = await reviewNewPull(
      "review-502",
      (scenario) =>
        scenario.inject(CREATE_REVIEW, { applyThenFail: true, status: 502 }),
    );

    expect(scenario.statuses(CREATE_REVIEW)).toEqual([502]);
    expect(finished).toMatchObject({ conclusion: "failure", posted: 1 });
    const pull = scenario.pull(1);
    expect(pull.reviews.map((review) => review.state)).toEqual(["COMMENTED"]);
    expect(pull.comments).toHaveLength(1);
  });

  it("never duplicates a check run created before a 502", async ({
    expect,
  }) => {
    const { scenario, pull, finished } = await reviewNewPull(
      "check-502",
      (scenario) =>
        scenario.inject(CREATE_CHECK_RUN, { applyThenFail: true, status: 502 }),
    );

    expect(scenario.statuses(CREATE_CHECK_RUN)).toEqual([502]);
    expect(scenario.statuses(LIST_CHECK_RUNS)).toEqual([200]);
    expect(finished).toMatchObject({ conclusion: "failure" });
    expect(scenario.checkRuns(pull.headSha).map((run) => run.status)).toEqual([
      "completed",
    ]);
  });

  it("completes the check when GitHub keeps failing", async ({ expect }) => {
    const { scenario, finished, run } = await reviewNewPull(
      "blobs-502",
      (scenario) => scenario.inject(BLOBS, { status: 502, count: 4 }),
    );

    expect(scenario.statuses(BLOBS)).toEqual([502, 502, 502, 502]);
    expect(finished).toMatchObject({ conclusion: "failure", posted: 0 });
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    const summary = run?.output.summary ?? "";
    expect(summary).toContain("Structra stopped while fetching file contents");
    expect(summary).toContain("HTTP status 502");
    expect(summary).toMatch(/request id `FAKE:[0-9a-f]+`/);
    expect(summary).toContain("**Re-run**");
  });

  it("drops only the comments GitHub rejects", async ({ expect }) => {
    // The listing claims the whole legacy file is new, but GitHub's diff,
    // which it checks comments against, has only the appended line.
    const changed = `${LEGACY}app.set("trust proxy", 1);\n`;
    const { scenario, finished, run } = await reviewNewPull(
      "rejected-comment",
      () => undefined,
      { "src/legacy.js": changed, "src/server.js": SESSION_SERVER },
      { listedPatches: { "src/legacy.js": buildAddedPatch(changed) } },
    );

    expect(finished).toMatchObject({
      conclusion: "failure",
      findings: 2,
      posted: 1,
    });
    const pull = scenario.pull(1);
    expect(pull.reviews.map((review) => review.state)).toEqual(["COMMENTED"]);
    expect(pull.comments.map((comment) => comment.path)).toEqual([
      "src/server.js",
    ]);
    expect(
      pull.comments.flatMap((comment) => parseMarkers(comment.body)),
    ).toHaveLength(1);
    expect(scenario.statuses(CREATE_REVIEW)).toContain(422);
    // The trial reviews were deleted again.
    expect(scenario.calls(DELETE_REVIEW).length).toBeGreaterThan(0);
    expect(run?.output.annotations).toHaveLength(2);
    const summary = run?.output.summary ?? "";
    expect(summary).toContain(
      "GitHub rejected 1 inline comment, which was left out of the review",
    );
    expect(summary).toContain(`\`src/legacy.js:${SESSION_LINE}\``);
    expect(summary).toContain(
      "pull_request_review_thread.line must be part of the diff",
    );
  });
});
