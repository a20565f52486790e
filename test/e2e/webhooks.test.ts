import { setTimeout as sleep } from "node:timers/promises";

import { afterAll, beforeAll, describe, it } from "vitest";

import { parseMarkers } from "../../src/reporters/marker.js";
import { LOG_LEVEL, type AppProcess } from "./support/app-process.js";
import {
  E2E_TIMEOUT_MS,
  E2eEnvironment,
  RUN_FINISHED,
  type Scenario,
} from "./support/e2e-environment.js";
import {
  buildSessionServer,
  HEALTH_ROUTE,
  SESSION_LINE,
  SESSION_SERVER,
} from "./support/sources.js";
import { buildRerequestEvent, sendWebhook } from "./support/webhooks.js";

const CREATE_REVIEW = "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
const LIST_REVIEWS = "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
const SUBMIT_REVIEW =
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events";
const DELETE_REVIEW =
  "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}";

let env: E2eEnvironment;
let app: AppProcess;

beforeAll(async () => {
  env = await E2eEnvironment.start();
  app = await env.startApp();
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

/** Fingerprints of a pull request's comments, with repeats. */
function listFingerprints(scenario: Scenario, number: number): string[] {
  return scenario
    .pull(number)
    .comments.flatMap((comment) => parseMarkers(comment.body));
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(50);
  }
}

describe.concurrent("webhooks", { timeout: E2E_TIMEOUT_MS }, () => {
  it("rejects forged and unsigned events", async ({ expect }) => {
    const scenario = env.createScenario(app, "signatures");
    scenario.openPullRequest(1, { "src/server.js": SESSION_SERVER });
    const delivery = scenario.event(1);

    const forged = await sendWebhook(app.url, delivery, { secret: "wrong" });
    const unsigned = await sendWebhook(app.url, delivery, { secret: null });

    expect(forged.status).toBe(400);
    expect(forged.body).toContain("signature does not match");
    expect(unsigned.status).toBe(400);
    expect(unsigned.body).toContain("x-hub-signature-256");
    // Nothing reached GitHub, not even a token request.
    expect(scenario.calls()).toEqual([]);
  });

  it("posts one review and fails the check", async ({ expect }) => {
    const scenario = env.createScenario(app, "opened");
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
    });

    const answer = await scenario.deliver(scenario.event(1));
    const [finished] = await scenario.waitForRuns(pull.headSha);

    expect(answer.status).toBe(200);
    expect(finished).toMatchObject({
      repo: scenario.repo,
      pr: 1,
      sha: pull.headSha,
      findings: 1,
      posted: 1,
      conclusion: "failure",
    });
    expect(finished?.durationMs).toEqual(expect.any(Number));
    const { reviews, comments } = scenario.pull(1);
    expect(reviews.map((review) => review.state)).toEqual(["COMMENTED"]);
    expect(reviews[0]?.commitId).toBe(pull.headSha);
    expect(comments.map((comment) => comment.line)).toEqual([SESSION_LINE]);
    expect(comments[0]?.body).toContain("F-03/session-memory-store");
    expect(listFingerprints(scenario, 1)).toHaveLength(1);

    const [run] = scenario.checkRuns(pull.headSha);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.output.annotations).toHaveLength(1);
    // The GitHub requests of one run that posts one comment.
    expect(env.github.countCalls(scenario.repo)).toEqual({
      "POST /app/installations/{installation_id}/access_tokens": 1,
      "POST /repos/{owner}/{repo}/check-runs": 1,
      "GET /repos/{owner}/{repo}/contents/{path}": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}": 2,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1,
      "POST /graphql blobs": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments": 2,
      [LIST_REVIEWS]: 1,
      [CREATE_REVIEW]: 1,
      [SUBMIT_REVIEW]: 1,
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": 1,
    });
  });

  it("makes eight requests without findings", async ({ expect }) => {
    const scenario = env.createScenario(app, "clean", {
      "README.md": "# Shop\n",
      ".github/structra.yml": "failOn: warning\n",
    });
    const pull = scenario.openPullRequest(1, { "src/health.js": HEALTH_ROUTE });

    const finished = await scenario.review(1);

    expect(finished).toMatchObject({ findings: 0, conclusion: "success" });
    expect(scenario.checkRuns(pull.headSha)[0]?.output.title).toBe(
      "No F-03 findings on changed lines",
    );
    const counts = env.github.countCalls(scenario.repo);
    delete counts["POST /app/installations/{installation_id}/access_tokens"];
    expect(counts).toEqual({
      "POST /repos/{owner}/{repo}/check-runs": 1,
      "GET /repos/{owner}/{repo}/contents/{path}": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}": 2,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1,
      "POST /graphql blobs": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments": 1,
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": 1,
    });
  });

  it("posts nothing twice on re-delivery", async ({ expect }) => {
    const scenario = env.createScenario(app, "redelivery");
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
    });
    const delivery = { ...scenario.event(1), id: "delivery-redelivered" };

    await scenario.deliver(delivery);
    await scenario.waitForRuns(pull.headSha);
    await scenario.deliver(delivery);
    const runs = await scenario.waitForRuns(pull.headSha, 2);

    expect(runs.map((run) => run.posted)).toEqual([1, 0]);
    expect(scenario.pull(1).reviews).toHaveLength(1);
    expect(listFingerprints(scenario, 1)).toHaveLength(1);
    // Each delivery completes a check run of its own.
    expect(
      scenario.checkRuns(pull.headSha).map((run) => run.conclusion),
    ).toEqual(["failure", "failure"]);
  });

  it("two replicas post each finding once", async ({ expect }) => {
    const replica = await env.startApp();
    const scenario = env.createScenario(app, "replicas");
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
      "src/admin.js": buildSessionServer("admin secret"),
    });
    // The first review created stays pending for a while, so the other
    // replica meets it.
    scenario.inject(SUBMIT_REVIEW, { delayMs: 2500 });
    const delivery = { ...scenario.event(1), id: "delivery-both-replicas" };

    await Promise.all([
      scenario.deliver(delivery, app),
      scenario.deliver(delivery, replica),
    ]);
    const [first] = await scenario.waitForRuns(pull.headSha, 1, app);
    const [second] = await scenario.waitForRuns(pull.headSha, 1, replica);

    const fingerprints = listFingerprints(scenario, 1);
    expect(fingerprints).toHaveLength(2);
    expect(new Set(fingerprints).size).toBe(2);
    expect(scenario.pull(1).reviews.map((review) => review.state)).toEqual([
      "COMMENTED",
    ]);
    expect([first?.posted, second?.posted].sort()).toEqual([0, 2]);
    // The loser met the winner's pending review, by a 422 or in the list
    // of reviews, and looked again after waiting.
    expect(scenario.calls(LIST_REVIEWS).length).toBeGreaterThanOrEqual(3);
    expect(
      scenario.checkRuns(pull.headSha).map((run) => run.conclusion),
    ).toEqual(["failure", "failure"]);
  });

  it("deletes a crashed run's stale pending review", async ({ expect }) => {
    const scenario = env.createScenario(app, "stale-pending");
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
    });
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const stale = env.github.addPendingReview(
      scenario.repo,
      1,
      `Left by a crashed run.\n\n<!-- structra:review run=0f0e0d0c-crashed created=${tenMinutesAgo} -->`,
    );

    const finished = await scenario.review(1);

    expect(finished).toMatchObject({ posted: 1, conclusion: "failure" });
    const reviews = scenario.pull(1).reviews;
    expect(reviews.map((review) => review.id)).not.toContain(stale);
    expect(reviews.map((review) => review.state)).toEqual(["COMMENTED"]);
    expect(scenario.calls(DELETE_REVIEW)).toHaveLength(1);
    expect(
      app.logs.some(
        (record) =>
          record.level === LOG_LEVEL.warn &&
          record.repo === scenario.repo &&
          record.msg === "Deleting a stale pending review left by another run",
      ),
    ).toBe(true);
    expect(scenario.checkRuns(pull.headSha)[0]?.conclusion).toBe("failure");
  });

  it("waits for another run's pending review", async ({ expect }) => {
    const scenario = env.createScenario(app, "fresh-pending");
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
    });
    // Another run has a pending review with the comment for the same
    // finding. A run in another repository produces that comment's body.
    const probe = env.createScenario(app, "fresh-pending-probe");
    probe.openPullRequest(1, { "src/server.js": SESSION_SERVER });
    await probe.review(1);
    const [posted] = probe.pull(1).comments;
    const now = new Date().toISOString();
    const other = env.github.addPendingReview(
      scenario.repo,
      1,
      `Being posted.\n\n<!-- structra:review run=0a0b0c0d-live created=${now} -->`,
      [
        {
          path: "src/server.js",
          line: SESSION_LINE,
          body: String(posted?.body),
        },
      ],
    );

    const delivered = scenario.deliver(scenario.event(1));
    await waitFor(() => scenario.calls(LIST_REVIEWS).length >= 2);
    env.github.submitPendingReview(scenario.repo, 1, other);
    const [finished] = await scenario.waitForRuns(pull.headSha);
    await delivered;

    expect(finished).toMatchObject({ posted: 0, conclusion: "failure" });
    expect(listFingerprints(scenario, 1)).toHaveLength(1);
    expect(scenario.calls(CREATE_REVIEW)).toEqual([]);
  });

  it("recovers a crashed run by a re-run", async ({ expect }) => {
    const doomed = await env.startApp();
    const scenario = env.createScenario(doomed, "crash");
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
    });
    scenario.inject("POST /graphql blobs", { delayMs: 3000 });

    const delivered = scenario
      .deliver(scenario.event(1))
      .catch(() => undefined);
    await waitFor(() => scenario.checkRuns(pull.headSha).length === 1);
    await doomed.stop("SIGKILL");
    await delivered;
    const [orphan] = scenario.checkRuns(pull.headSha);
    expect(orphan?.status).toBe("in_progress");

    const rerun = buildRerequestEvent(
      env.github,
      scenario.repo,
      "check_run",
      pull.headSha,
      [1],
      scenario.installationId,
    );
    await scenario.deliver(rerun, app);
    const [finished] = await scenario.waitForRuns(pull.headSha, 1, app);

    expect(finished).toMatchObject({ posted: 1, conclusion: "failure" });
    expect(scenario.checkRuns(pull.headSha).map((run) => run.status)).toEqual([
      "in_progress",
      "completed",
    ]);
    expect(listFingerprints(scenario, 1)).toHaveLength(1);
  });
});

describe("logs", () => {
  it("carry no token, key or file content", ({ expect }) => {
    const text = app.text;
    const finished = app.logs.filter((record) => record.msg === RUN_FINISHED);

    expect(finished.length).toBeGreaterThanOrEqual(6);
    for (const record of finished) {
      expect(record.level).toBe(LOG_LEVEL.info);
      expect(Object.keys(record)).toEqual(
        expect.arrayContaining([
          "repo",
          "pr",
          "sha",
          "findings",
          "posted",
          "durationMs",
        ]),
      );
    }
    expect(text).not.toMatch(/ghs_[0-9a-f]{10,}/);
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain(env.privateKey.split("\n")[1]);
    expect(text).not.toContain(env.webhookSecret);
    expect(text).not.toContain("keyboard cat");
    expect(text).not.toContain("admin secret");
  });
});
