/**
 * Load benchmark of queue mode: two webhook replicas and two workers, real
 * app processes on Redis at 127.0.0.1:6379, against the fake GitHub of the
 * end-to-end suite.
 *
 * Usage: npm run bench:load [-- --repositories N]
 *
 * 1. Burst: 100 pull requests across 50 repositories of 10 installations,
 *    each opened and then pushed to once, so 200 webhook events. Checks that every pull
 *    request has exactly one review and one completed check run for its
 *    final head, and prints webhook response latency p50/p99 and total time.
 * 2. Size: one pull request each of 10, 300 and 3,000 changed files on a
 *    fresh worker. Prints GitHub API calls per pull request and the
 *    worker's peak resident memory.
 *
 * Figures go in docs/benchmarks.md, in the Load section.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

import { Redis } from "ioredis";

import {
  startFakeGithub,
  type FakeGithub,
} from "../test/e2e/fake-github/fake-github.js";
import { AppProcess } from "../test/e2e/support/app-process.js";
import { ensureBuilt } from "../test/e2e/support/ensure-built.js";
import {
  buildPullRequestEvent,
  sendWebhook,
  type Delivery,
} from "../test/e2e/support/webhooks.js";

const REDIS_URL = "redis://127.0.0.1:6379";
const APP_ID = 4242;
/** Organisations in the burst, each a GitHub App installation of its own. */
const INSTALLATIONS = 10;
const REPOSITORIES = readOption("--repositories", 50);
const PULLS_PER_REPOSITORY = 2;
/** Deliveries in flight at once, as GitHub sends a burst over many connections. */
const DELIVERY_CONCURRENCY = 50;
const SIZES = [10, 300, 3000];
const RUN_TIMEOUT_MS = 20 * 60_000;

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? NaN : Number(process.argv[index + 1]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Builds a server whose express-session keeps sessions in memory, on line 5. */
function buildSessionServer(name: string): string {
  return [
    'import express from "express";',
    'import session from "express-session";',
    "",
    "const app = express();",
    `app.use(session({ secret: "${name}" }));`,
    "app.listen(3000);",
    "",
  ].join("\n");
}

/** Builds a route module of about 50 lines without findings. */
function buildRouteModule(index: number): string {
  const lines = [
    'import express from "express";',
    "",
    "export const router = express.Router();",
    "",
  ];
  for (let route = 0; route < 6; route++) {
    lines.push(
      `router.get("/items-${index}/${route}", async (req, res, next) => {`,
      "  try {",
      `    const rows = await req.app.get("db").query("select * from items where id = $1", [req.params.id]);`,
      `    res.json({ items: rows, page: ${route} });`,
      "  } catch (error) {",
      "    next(error);",
      "  }",
      "});",
    );
  }
  return `${lines.join("\n")}\n`;
}

interface Cluster {
  github: FakeGithub;
  privateKey: string;
  secret: string;
  prefix: string;
  processes: AppProcess[];
}

async function startProcess(
  cluster: Cluster,
  env: Record<string, string>,
): Promise<AppProcess> {
  const app = await AppProcess.start({
    appId: APP_ID,
    privateKey: cluster.privateKey,
    webhookSecret: cluster.secret,
    githubHost: cluster.github.host,
    env: { REDIS_URL, STRUCTRA_QUEUE_PREFIX: cluster.prefix, ...env },
  });
  cluster.processes.push(app);
  return app;
}

function startWorker(cluster: Cluster): Promise<AppProcess> {
  return startProcess(cluster, { STRUCTRA_MODE: "worker" });
}

/** Runs the tasks with at most `limit` of them in flight. */
async function runBounded<T>(
  tasks: (() => Promise<T>)[],
  limit: number,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  });
  await Promise.all(lanes);
  return results;
}

async function deliver(
  cluster: Cluster,
  app: AppProcess,
  delivery: Delivery,
): Promise<number> {
  const started = performance.now();
  const response = await sendWebhook(app.url, delivery, {
    secret: cluster.secret,
  });
  if (response.status !== 200) {
    throw new Error(
      `webhook delivery failed with status ${response.status}: ${response.body}`,
    );
  }
  return performance.now() - started;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil(fraction * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)]!;
}

async function waitUntil(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Peak resident memory of a process, from Linux's /proc, in MiB. */
function readPeakRssMiB(app: AppProcess): number {
  const pid = app.logs.find((record) => typeof record.pid === "number")?.pid;
  const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
  const kib = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}

interface BurstPull {
  repo: string;
  installationId: number;
  number: number;
  firstHead: string;
  finalHead: string;
}

async function runBurst(cluster: Cluster): Promise<void> {
  const { github } = cluster;
  const replicas = [
    await startProcess(cluster, {}),
    await startProcess(cluster, {}),
  ];
  const workers = [await startWorker(cluster), await startWorker(cluster)];

  const pulls: BurstPull[] = [];
  for (let index = 0; index < REPOSITORIES; index++) {
    const installationId = 200 + (index % INSTALLATIONS);
    const repo = `org-${installationId}/service-${index}`;
    github.createRepository(
      repo,
      { "README.md": `# Service ${index}\n` },
      { installationId },
    );
    for (let number = 1; number <= PULLS_PER_REPOSITORY; number++) {
      const { headSha } = github.openPullRequest(repo, number, {
        "src/server.js": buildSessionServer(`${repo}#${number}`),
      });
      pulls.push({
        repo,
        installationId,
        number,
        firstHead: headSha,
        finalHead: headSha,
      });
    }
  }
  const opened = pulls.map((pull) =>
    buildPullRequestEvent(
      github,
      pull.repo,
      pull.number,
      "opened",
      pull.installationId,
    ),
  );
  const pushed = pulls.map((pull) => {
    pull.finalHead = github.push(pull.repo, pull.number, {
      "src/admin.js": buildSessionServer(`${pull.repo}#${pull.number} admin`),
    });
    const delivery = buildPullRequestEvent(
      github,
      pull.repo,
      pull.number,
      "synchronize",
      pull.installationId,
    );
    delivery.payload.before = pull.firstHead;
    return delivery;
  });

  // Events alternate between the replicas, as a load balancer would send them.
  const started = performance.now();
  const deliveries = [...opened, ...pushed];
  const latencies = await runBounded(
    deliveries.map(
      (delivery, index) => () =>
        deliver(cluster, replicas[index % replicas.length]!, delivery),
    ),
    DELIVERY_CONCURRENCY,
  );
  const deliveredMs = performance.now() - started;
  const finalRuns = () =>
    pulls.flatMap((pull) =>
      github
        .repository(pull.repo)
        .checkRuns.filter((run) => run.headSha === pull.finalHead),
    );
  await waitUntil(
    () =>
      finalRuns().filter((run) => run.status === "completed").length >=
      pulls.length,
    "the final heads' check runs",
  );
  const totalMs = performance.now() - started;
  // Late duplicates would show up after the last completion, if at all.
  await sleep(3000);

  let problems = 0;
  let olderHeadsRun = 0;
  for (const pull of pulls) {
    const repository = github.repository(pull.repo);
    const pullState = github.pull(pull.repo, pull.number);
    const finalChecks = repository.checkRuns.filter(
      (run) => run.headSha === pull.finalHead,
    );
    const finalReviews = pullState.reviews.filter(
      (review) =>
        review.state === "COMMENTED" && review.commitId === pull.finalHead,
    );
    const firstChecks = repository.checkRuns.filter(
      (run) => run.headSha === pull.firstHead,
    );
    const markers = pullState.comments.map(
      (comment) => /fingerprint=(\w+)/.exec(comment.body)?.[1],
    );
    const duplicateComments = markers.length - new Set(markers).size;
    if (firstChecks.some((run) => run.conclusion !== "cancelled"))
      olderHeadsRun++;
    const ok =
      finalChecks.length === 1 &&
      finalChecks[0]!.status === "completed" &&
      finalReviews.length === 1 &&
      duplicateComments === 0 &&
      firstChecks.length === 1 &&
      firstChecks[0]!.status === "completed";
    if (!ok) {
      problems++;
      console.error(
        `${pull.repo}#${pull.number}: ${finalChecks.length} check runs (${finalChecks.map((run) => `${run.conclusion ?? run.status}: ${run.output.title ?? ""}`).join(", ")}) and ${finalReviews.length} reviews on the final head, ${duplicateComments} duplicate comments, ${firstChecks.length} check runs on the first head`,
      );
    }
  }

  const calls = github.calls().length;
  console.log(
    `Burst: ${deliveries.length} events for ${pulls.length} pull requests in ${REPOSITORIES} repositories of ${INSTALLATIONS} installations, 2 webhook replicas, 2 workers`,
  );
  console.log(
    `  Webhook responses: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; all ${deliveries.length} delivered in ${(deliveredMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  Total time to the last completed check run: ${(totalMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  Pull requests with exactly one review and one completed check run on the final head: ${pulls.length - problems} of ${pulls.length}`,
  );
  console.log(
    `  First heads reviewed before their push arrived: ${olderHeadsRun}; the other ${pulls.length - olderHeadsRun} were dropped from the queue`,
  );
  console.log(
    `  GitHub API calls: ${calls} (${(calls / pulls.length).toFixed(1)} per pull request)`,
  );
  console.log(
    `  Peak resident memory: workers ${workers.map((worker) => readPeakRssMiB(worker).toFixed(0)).join(" and ")} MiB, replicas ${replicas.map((replica) => readPeakRssMiB(replica).toFixed(0)).join(" and ")} MiB`,
  );

  await Promise.all([...replicas, ...workers].map((app) => app.stop()));
  if (problems > 0)
    throw new Error(`${problems} pull requests were not reviewed exactly once`);
}

async function runSizes(cluster: Cluster): Promise<void> {
  const { github } = cluster;
  const replica = await startProcess(cluster, {});
  const worker = await startWorker(cluster);

  for (const [index, size] of SIZES.entries()) {
    // An installation of its own, so its token request counts for it.
    const installationId = 300 + index;
    const repo = `org-${installationId}/monorepo-${size}`;
    github.createRepository(
      repo,
      { "README.md": "# Monorepo\n" },
      { installationId },
    );
    const changes: Record<string, string> = {
      "src/server.js": buildSessionServer(repo),
    };
    for (let index = 1; index < size; index++) {
      changes[`src/routes/route-${String(index).padStart(4, "0")}.js`] =
        buildRouteModule(index);
    }
    const { headSha } = github.openPullRequest(repo, 1, changes);
    // Every call from here on is for this pull request, including the
    // configuration lookup in the organisation's `.github` repository.
    const callsBefore = github.calls().length;

    const started = performance.now();
    await deliver(
      cluster,
      replica,
      buildPullRequestEvent(github, repo, 1, "opened", installationId),
    );
    await waitUntil(
      () =>
        github
          .repository(repo)
          .checkRuns.some(
            (run) => run.headSha === headSha && run.status === "completed",
          ),
      `the ${size}-file pull request`,
    );
    const seconds = (performance.now() - started) / 1000;

    const counts: Record<string, number> = {};
    for (const call of github.calls().slice(callsBefore)) {
      counts[call.route] = (counts[call.route] ?? 0) + 1;
    }
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    const breakdown = Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, count]) => `${count} ${route}`)
      .join("; ");
    console.log(
      `${size} changed files: ${total} GitHub API calls in ${seconds.toFixed(1)} s; worker peak resident memory so far ${readPeakRssMiB(worker).toFixed(0)} MiB`,
    );
    console.log(`  ${breakdown}`);
  }
  await Promise.all([replica.stop(), worker.stop()]);
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    throw new Error(
      `No Redis server is reachable at ${REDIS_URL} (${(error as Error).message}); start one with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  }

  await ensureBuilt();
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const github = await startFakeGithub({
    appId: APP_ID,
    publicKey,
    appSlug: "structra",
  });
  const cluster: Cluster = {
    github,
    privateKey,
    secret: randomBytes(20).toString("hex"),
    prefix: `structra-bench-${randomUUID().slice(0, 8)}`,
    processes: [],
  };
  console.log(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node.js ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
  );

  try {
    await runBurst(cluster);
    await runSizes(cluster);
  } finally {
    await Promise.all(cluster.processes.map((app) => app.stop()));
    await github.stop();
    const keys = await redis.keys(`${cluster.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

await main();
