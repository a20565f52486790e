import { afterAll, beforeAll, describe, expect } from "vitest";

import type { AppProcess } from "../e2e/support/app-process.js";
import { LOG_LEVEL } from "../e2e/support/app-process.js";
import { RUN_FINISHED } from "../e2e/support/e2e-environment.js";
import { SESSION_SERVER } from "../e2e/support/sources.js";
import {
  buildPullRequestEvent,
  buildRerequestEvent,
} from "../e2e/support/webhooks.js";
import {
  findLogs,
  getHealth,
  INSTALLATION_ID,
  QueueEnvironment,
  waitFor,
} from "./queue-environment.js";
import { itWithRedis, redisUnavailable } from "./redis-support.js";
import { TcpProxy } from "./tcp-proxy.js";

const REPO = "acme/outage-shop";
const QUEUE_FAILED_TITLE = "Structra could not queue the review";

/** Maximum webhook response time while Redis is down, in milliseconds. */
const MAX_OUTAGE_RESPONSE_MS = 3000;

let env: QueueEnvironment;
let proxy: TcpProxy;

beforeAll(async () => {
  if (redisUnavailable !== undefined) return;
  env = await QueueEnvironment.start();
  env.github.createRepository(REPO, { "README.md": "# Shop\n" });
  proxy = await TcpProxy.reserve(6379);
}, 120_000);

afterAll(async () => {
  await proxy?.down();
  await env?.stop();
});

function openPullRequest(number: number) {
  const { headSha } = env.github.openPullRequest(REPO, number, {
    "src/server.js": SESSION_SERVER,
  });
  const delivery = buildPullRequestEvent(
    env.github,
    REPO,
    number,
    "opened",
    INSTALLATION_ID,
  );
  return { headSha, delivery };
}

function rerunEvent(headSha: string, number: number) {
  return buildRerequestEvent(
    env.github,
    REPO,
    "check_run",
    headSha,
    [number],
    INSTALLATION_ID,
  );
}

/** Error log lines that name REDIS_URL. */
function findRedisErrors(app: AppProcess) {
  return app.logs.filter(
    (record) =>
      record.level === LOG_LEVEL.error && record.msg.includes("REDIS_URL"),
  );
}

async function waitForReadiness(app: AppProcess, status: number) {
  return waitFor(
    async () => {
      const health = await getHealth(app, "/readyz");
      return health.status === status ? health : undefined;
    },
    20_000,
    `/readyz to answer ${status}`,
  );
}

describe("Redis outage", () => {
  itWithRedis(
    "responds while Redis is down at start",
    async () => {
      await proxy.down();
      const server = await env.startServer(proxy.url);
      const worker = await env.startWorker();
      const { headSha, delivery } = openPullRequest(1);

      const answer = await env.deliverTimed(server, delivery);
      const [failed] = await env.waitForCompletedChecks(REPO, headSha);
      const notReady = await getHealth(server, "/readyz");
      const live = await getHealth(server, "/healthz");

      expect(answer.status).toBe(200);
      expect(answer.latencyMs).toBeLessThan(MAX_OUTAGE_RESPONSE_MS);
      expect(failed!.conclusion).toBe("failure");
      expect(failed!.output.title).toBe(QUEUE_FAILED_TITLE);
      expect(failed!.output.summary).toContain("REDIS_URL");
      expect(failed!.output.summary).toContain("**Re-run**");
      expect(notReady.status).toBe(503);
      expect(notReady.body.reason).toContain("REDIS_URL");
      expect(live.status).toBe(200);
      // One error names the variable; the reconnection attempts are not logged.
      const errors = findRedisErrors(server);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(errors[0]!.msg).toContain(`REDIS_URL (${proxy.url})`);
      expect(findLogs(server, /^Cannot reach Redis/)).toHaveLength(1);

      // Once Redis is back, the re-run button reviews the commit.
      await proxy.up();
      await waitForReadiness(server, 200);
      const rerun = await env.deliver(server, rerunEvent(headSha, 1));
      const runs = await env.waitForCompletedChecks(REPO, headSha, 2);
      await worker.waitForLogs(
        (record) => record.msg === RUN_FINISHED && record.sha === headSha,
      );

      expect(rerun.status).toBe(200);
      expect(runs.map((run) => run.conclusion)).toEqual(["failure", "failure"]);
      expect(runs[1]!.output.title).not.toBe(QUEUE_FAILED_TITLE);
      expect(env.reviewsOf(REPO, 1)).toHaveLength(1);
      expect(
        findLogs(server, "Redis at REDIS_URL is reachable again"),
      ).toHaveLength(1);
      await Promise.all([server.stop(), worker.stop()]);
    },
    120_000,
  );

  itWithRedis(
    "responds when Redis fails mid-run",
    async () => {
      await proxy.up();
      const server = await env.startServer(proxy.url);
      const worker = await env.startWorker(proxy.url);
      const before = openPullRequest(2);

      await env.deliver(server, before.delivery);
      const [reviewed] = await env.waitForCompletedChecks(REPO, before.headSha);
      await proxy.down();
      const during = openPullRequest(3);
      const answer = await env.deliverTimed(server, during.delivery);
      const [failed] = await env.waitForCompletedChecks(REPO, during.headSha);
      const serverHealth = await waitForReadiness(server, 503);
      const workerHealth = await waitForReadiness(worker, 503);
      await worker.waitForLogs(
        (record) =>
          record.level === LOG_LEVEL.error && record.msg.includes("REDIS_URL"),
      );

      expect(reviewed!.conclusion).toBe("failure");
      expect(reviewed!.output.title).not.toBe(QUEUE_FAILED_TITLE);
      expect(answer.status).toBe(200);
      expect(answer.latencyMs).toBeLessThan(MAX_OUTAGE_RESPONSE_MS);
      expect(failed!.output.title).toBe(QUEUE_FAILED_TITLE);
      expect(serverHealth.body.reason).toContain("REDIS_URL");
      expect(workerHealth.body.status).toBe("not ready");
      expect(findRedisErrors(server).length).toBeGreaterThanOrEqual(1);

      // Back up: both recover, and the re-run button reviews the commit.
      await proxy.up();
      await waitForReadiness(server, 200);
      await waitForReadiness(worker, 200);
      await env.deliver(server, rerunEvent(during.headSha, 3));
      const runs = await env.waitForCompletedChecks(REPO, during.headSha, 2);

      expect(runs[1]!.conclusion).toBe("failure");
      expect(runs[1]!.output.title).not.toBe(QUEUE_FAILED_TITLE);
      expect(env.reviewsOf(REPO, 3)).toHaveLength(1);
      await Promise.all([server.stop(), worker.stop()]);
    },
    120_000,
  );
});
