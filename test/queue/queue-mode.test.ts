import { afterAll, beforeAll, describe, expect } from "vitest";

import { parseMarkers } from "../../src/reporters/marker.js";
import type { AppProcess } from "../e2e/support/app-process.js";
import { RUN_FINISHED } from "../e2e/support/e2e-environment.js";
import { SESSION_SERVER } from "../e2e/support/sources.js";
import {
  buildPullRequestEvent,
  type Delivery,
} from "../e2e/support/webhooks.js";
import {
  findLogs,
  INSTALLATION_ID,
  QueueEnvironment,
  waitFor,
} from "./queue-environment.js";
import { itWithRedis, redisUnavailable } from "./redis-support.js";

const REPO = "acme/queue-shop";
const PATCH_CHECK_RUN = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}";
const FETCH_BLOBS = "POST /graphql blobs";

/** Delay of a request that a worker should be stuck in when it is stopped. */
const HANG_MS = 20_000;

let env: QueueEnvironment;

beforeAll(async () => {
  if (redisUnavailable !== undefined) return;
  env = await QueueEnvironment.start();
  env.github.createRepository(REPO, { "README.md": "# Shop\n" });
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

function pullRequestEvent(number: number, action: string, before?: string) {
  const delivery = buildPullRequestEvent(
    env.github,
    REPO,
    number,
    action,
    INSTALLATION_ID,
  );
  if (before !== undefined) delivery.payload.before = before;
  return delivery;
}

/** Fingerprints in the pull request's comments, with repeats. */
function listFingerprints(number: number): string[] {
  return env.github
    .pull(REPO, number)
    .comments.flatMap((comment) => parseMarkers(comment.body));
}

/** Waits until the fake GitHub is delaying a request of a worker to the route. */
async function waitForDelayed(route: string): Promise<void> {
  await waitFor(
    () => (env.github.countDelayed(route) > 0 ? true : undefined),
    60_000,
    `a delayed ${route} request`,
  );
}

async function stopAll(processes: AppProcess[]): Promise<void> {
  await Promise.all(processes.map((process) => process.stop()));
}

describe("queue mode", () => {
  itWithRedis(
    "collapses duplicate deliveries into one job",
    async () => {
      const replicas = [await env.startServer(), await env.startServer()];
      const worker = await env.startWorker();
      const sha = env.github.openPullRequest(REPO, 1, {
        "src/server.js": SESSION_SERVER,
      }).headSha;
      const delivery: Delivery = {
        ...pullRequestEvent(1, "opened"),
        id: "d-1",
      };

      const answers = await Promise.all([
        env.deliverTimed(replicas[0]!, delivery),
        env.deliverTimed(replicas[1]!, delivery),
        env.deliverTimed(replicas[0]!, delivery),
        env.deliverTimed(replicas[1]!, pullRequestEvent(1, "reopened")),
      ]);
      await env.waitForCompletedChecks(REPO, sha);
      await worker.waitForLogs((record) => record.msg === RUN_FINISHED);

      expect(answers.map((answer) => answer.status)).toEqual([
        200, 200, 200, 200,
      ]);
      const runs = env.checkRunsOf(REPO, sha);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.conclusion).toBe("failure");
      expect(env.reviewsOf(REPO, 1)).toHaveLength(1);
      expect(listFingerprints(1)).toHaveLength(1);
      const duplicates = replicas.flatMap((replica) =>
        findLogs(replica, "Duplicate delivery; the review is already queued"),
      );
      expect(duplicates).toHaveLength(3);
      expect(findLogs(worker, RUN_FINISHED, sha)).toHaveLength(1);
      await stopAll([...replicas, worker]);
    },
    120_000,
  );

  itWithRedis(
    "drops a waiting job for a newer head",
    async () => {
      const server = await env.startServer();
      const older = env.github.openPullRequest(REPO, 2, {
        "src/server.js": SESSION_SERVER,
      }).headSha;
      await env.deliver(server, pullRequestEvent(2, "opened"));
      const newer = env.github.push(REPO, 2, {
        "src/other.js": SESSION_SERVER.replace("keyboard cat", "other"),
      });

      // No worker runs yet, so the older job is still waiting.
      const answer = await env.deliver(
        server,
        pullRequestEvent(2, "synchronize", older),
      );
      const [superseded] = await env.waitForCompletedChecks(REPO, older);
      const worker = await env.startWorker();
      const [current] = await env.waitForCompletedChecks(REPO, newer);
      await worker.waitForLogs(
        (record) => record.msg === RUN_FINISHED && record.sha === newer,
      );

      expect(answer.status).toBe(200);
      expect(superseded!.conclusion).toBe("cancelled");
      expect(superseded!.output.title).toBe(
        `Superseded by ${newer.slice(0, 7)}`,
      );
      expect(current!.conclusion).toBe("failure");
      expect(env.checkRunsOf(REPO, older)).toHaveLength(1);
      expect(env.checkRunsOf(REPO, newer)).toHaveLength(1);
      const reviews = env.reviewsOf(REPO, 2);
      expect(reviews).toHaveLength(1);
      expect(reviews[0]!.commitId).toBe(newer);
      expect(findLogs(worker, RUN_FINISHED, older)).toEqual([]);
      expect(findLogs(worker, RUN_FINISHED, newer)).toHaveLength(1);
      await stopAll([server, worker]);
    },
    120_000,
  );

  itWithRedis(
    "recovers a job killed after posting",
    async () => {
      const server = await env.startServer();
      const doomed = await env.startWorker();
      const sha = env.github.openPullRequest(REPO, 3, {
        "src/server.js": SESSION_SERVER,
      }).headSha;
      // The review is posted, then the check run update hangs, and the
      // worker dies before it can complete the check run.
      env.github.inject(PATCH_CHECK_RUN, { delayMs: HANG_MS });

      await env.deliver(server, pullRequestEvent(3, "opened"));
      await waitFor(
        () => (env.reviewsOf(REPO, 3).length > 0 ? true : undefined),
        60_000,
        "the first worker's review",
      );
      await waitForDelayed(PATCH_CHECK_RUN);
      await doomed.stop("SIGKILL");
      const rescuer = await env.startWorker();
      const [run] = await env.waitForCompletedChecks(REPO, sha);
      const [finished] = await rescuer.waitForLogs(
        (record) => record.msg === RUN_FINISHED && record.sha === sha,
      );

      expect(run!.conclusion).toBe("failure");
      expect(env.checkRunsOf(REPO, sha)).toHaveLength(1);
      expect(env.reviewsOf(REPO, 3)).toHaveLength(1);
      expect(listFingerprints(3)).toHaveLength(1);
      expect(finished!.posted).toBe(0);
      expect(findLogs(doomed, RUN_FINISHED, sha)).toEqual([]);
      await stopAll([server, rescuer]);
    },
    120_000,
  );

  itWithRedis(
    "recovers a job killed before posting",
    async () => {
      const server = await env.startServer();
      const doomed = await env.startWorker();
      const sha = env.github.openPullRequest(REPO, 4, {
        "src/server.js": SESSION_SERVER,
      }).headSha;
      env.github.inject(FETCH_BLOBS, { delayMs: HANG_MS });

      await env.deliver(server, pullRequestEvent(4, "opened"));
      await waitFor(
        () =>
          env.github
            .calls()
            .some((call) => call.path.includes("/pulls/4/files"))
            ? true
            : undefined,
        60_000,
        "the file listing",
      );
      await waitForDelayed(FETCH_BLOBS);
      await doomed.stop("SIGKILL");
      const rescuer = await env.startWorker();
      const [run] = await env.waitForCompletedChecks(REPO, sha);

      expect(run!.conclusion).toBe("failure");
      expect(env.checkRunsOf(REPO, sha)).toHaveLength(1);
      expect(env.reviewsOf(REPO, 4)).toHaveLength(1);
      expect(listFingerprints(4)).toHaveLength(1);
      expect(findLogs(rescuer, RUN_FINISHED, sha)).toHaveLength(1);
      await stopAll([server, rescuer]);
    },
    120_000,
  );

  itWithRedis(
    "requeues a running job on SIGTERM",
    async () => {
      const server = await env.startServer();
      const stopping = await env.startWorker(undefined, {
        STRUCTRA_SHUTDOWN_TIMEOUT_MS: "500",
        // A lock far longer than the test, so only the shutdown can free the job.
        STRUCTRA_JOB_LOCK_MS: "600000",
      });
      const sha = env.github.openPullRequest(REPO, 5, {
        "src/server.js": SESSION_SERVER,
      }).headSha;
      env.github.inject(FETCH_BLOBS, { delayMs: HANG_MS });

      await env.deliver(server, pullRequestEvent(5, "opened"));
      await waitFor(
        () =>
          env.github
            .calls()
            .some((call) => call.path.includes("/pulls/5/files"))
            ? true
            : undefined,
        60_000,
        "the file listing",
      );
      await waitForDelayed(FETCH_BLOBS);
      const stoppedAt = Date.now();
      await stopping.stop("SIGTERM");
      const stopMs = Date.now() - stoppedAt;
      const rescuer = await env.startWorker();
      const [run] = await env.waitForCompletedChecks(REPO, sha, 1, 20_000);

      expect(stopMs).toBeLessThan(5000);
      expect(
        findLogs(stopping, /returning them to the queue/).map(
          (record) => record.jobs,
        ),
      ).toEqual([1]);
      expect(findLogs(stopping, "Stopped")).toHaveLength(1);
      expect(run!.conclusion).toBe("failure");
      expect(env.reviewsOf(REPO, 5)).toHaveLength(1);
      await stopAll([server, rescuer]);
    },
    120_000,
  );

  itWithRedis(
    "limits the jobs of one installation",
    async () => {
      const busy = { repo: "busy-org/monorepo", installationId: 501 };
      const quiet = { repo: "quiet-org/service", installationId: 502 };
      for (const { repo, installationId } of [busy, quiet]) {
        env.github.createRepository(
          repo,
          { "README.md": "# Repo\n" },
          {
            installationId,
          },
        );
      }
      const server = await env.startServer();
      const worker = await env.startWorker(undefined, {
        STRUCTRA_WORKER_CONCURRENCY: "4",
        STRUCTRA_INSTALLATION_CONCURRENCY: "1",
      });
      // The busy organisation's reviews are slow, so they would fill
      // every slot of the worker if nothing limited them.
      env.github.inject(FETCH_BLOBS, {
        repository: busy.repo,
        delayMs: 1500,
        count: 3,
      });
      const busyHeads = [1, 2, 3].map(
        (number) =>
          env.github.openPullRequest(busy.repo, number, {
            "src/server.js": SESSION_SERVER,
          }).headSha,
      );
      const quietHead = env.github.openPullRequest(quiet.repo, 1, {
        "src/server.js": SESSION_SERVER,
      }).headSha;

      for (const number of [1, 2, 3]) {
        await env.deliver(
          server,
          buildPullRequestEvent(
            env.github,
            busy.repo,
            number,
            "opened",
            busy.installationId,
          ),
        );
      }
      await env.deliver(
        server,
        buildPullRequestEvent(
          env.github,
          quiet.repo,
          1,
          "opened",
          quiet.installationId,
        ),
      );
      await worker.waitForLogs((record) => record.msg === RUN_FINISHED, 4);

      const spans = [...busyHeads, quietHead].map((sha) => {
        const started = worker.logs.find(
          (record) =>
            record.msg === "Review job started" &&
            String(record.jobId).endsWith(sha),
        );
        const [finished] = findLogs(worker, RUN_FINISHED, sha);
        return { start: Number(started?.time), end: Number(finished?.time) };
      });
      const busySpans = spans.slice(0, 3).sort((a, b) => a.start - b.start);
      for (let index = 1; index < busySpans.length; index++) {
        expect(busySpans[index]!.start).toBeGreaterThanOrEqual(
          busySpans[index - 1]!.end,
        );
      }
      expect(spans[3]!.end).toBeLessThan(busySpans[2]!.end);
      expect(
        findLogs(worker, "Installation has no free slot; deferred").length,
      ).toBeGreaterThan(0);
      await stopAll([server, worker]);
    },
    120_000,
  );
});
