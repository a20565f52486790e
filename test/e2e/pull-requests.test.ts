import { setTimeout as sleep } from "node:timers/promises";

import { afterAll, beforeAll, describe, it } from "vitest";

import { parseMarkers } from "../../src/reporters/marker.js";
import type { AppProcess } from "./support/app-process.js";
import { E2E_TIMEOUT_MS, E2eEnvironment } from "./support/e2e-environment.js";
import {
  buildSessionServer,
  HEALTH_ROUTE,
  SESSION_LINE,
  SESSION_SERVER,
} from "./support/sources.js";
import { stripCode } from "./support/strip-code.js";
import {
  buildMergeGroupEvent,
  buildRerequestEvent,
} from "./support/webhooks.js";

const BLOBS = "POST /graphql blobs";
const THREADS = "POST /graphql reviewThreads";
const RESOLVE = "POST /graphql resolveReviewThread";
const GET_CONTENT = "GET /repos/{owner}/{repo}/contents/{path}";
const COMPARE = "GET /repos/{owner}/{repo}/compare/{basehead}";
const LIST_FILES = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";
const PATCH_CHECK_RUN = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}";

let env: E2eEnvironment;
let app: AppProcess;

beforeAll(async () => {
  env = await E2eEnvironment.start();
  app = await env.startApp();
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(50);
  }
}

/** Blob expressions (`sha:path`) of the GraphQL blob queries, in order. */
function listBlobExpressions(calls: { body?: Record<string, unknown> }[]) {
  return calls.map((call) =>
    Object.entries((call.body?.variables ?? {}) as Record<string, string>)
      .filter(([name]) => /^e\d+$/.test(name))
      .map(([, expression]) => expression),
  );
}

describe.concurrent("head pinning", { timeout: E2E_TIMEOUT_MS }, () => {
  it("cancels the check of a superseded head", async ({ expect }) => {
    const scenario = env.createScenario(app, "superseded");
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
    });
    const staleSha = pull.headSha;
    scenario.inject(BLOBS, { delayMs: 2000 });

    const delivered = scenario.deliver(scenario.event(1));
    // The files are listed, and the contents are on their way.
    await waitFor(() => scenario.calls(LIST_FILES).length === 1);
    const newSha = env.github.push(scenario.repo, 1, {
      "src/server.js": `${SESSION_SERVER}// moved on\n`,
    });
    const [finished] = await scenario.waitForRuns(staleSha);
    await delivered;

    expect(finished).toMatchObject({ conclusion: "cancelled", posted: 0 });
    const [run] = scenario.checkRuns(staleSha);
    expect(run).toMatchObject({ status: "completed", conclusion: "cancelled" });
    expect(run?.output.title).toBe(`Superseded by ${newSha.slice(0, 7)}`);
    expect(run?.output.summary).toContain(`\`${newSha}\``);
    expect(run?.output.annotations).toEqual([]);
    expect(scenario.pull(1).reviews).toEqual([]);
    // The contents were read at the pinned head, not the new one.
    expect(listBlobExpressions(scenario.calls(BLOBS))).toEqual([
      [`${staleSha}:src/server.js`],
    ]);
  });
});

describe.concurrent("review threads", { timeout: E2E_TIMEOUT_MS }, () => {
  it("resolves the threads of fixed findings only", async ({ expect }) => {
    const scenario = env.createScenario(app, "fixed");
    scenario.openPullRequest(1, {
      "src/fixed.js": buildSessionServer("fixed"),
      "src/discussed.js": buildSessionServer("discussed"),
      "src/kept.js": buildSessionServer("kept"),
    });
    expect(await scenario.review(1)).toMatchObject({ posted: 3 });
    const byPath = new Map(
      scenario.pull(1).comments.map((comment) => [comment.path, comment]),
    );
    env.github.reply(
      scenario.repo,
      1,
      byPath.get("src/discussed.js")?.id ?? 0,
      "octocat",
      "We keep this for the demo; see the ticket.",
    );

    // The push removes two of the sessions and keeps the third.
    const withoutSession = (secret: string) =>
      buildSessionServer(secret).replace(/app\.use\(session.*\n/, "");
    env.github.push(scenario.repo, 1, {
      "src/fixed.js": withoutSession("fixed"),
      "src/discussed.js": withoutSession("discussed"),
    });
    const finished = await scenario.review(1, "synchronize");

    expect(finished).toMatchObject({ findings: 1, posted: 0, resolved: 1 });
    const pull = scenario.pull(1);
    expect([...pull.resolvedThreads]).toEqual([byPath.get("src/fixed.js")?.id]);
    // Nothing was deleted or posted again.
    expect(pull.comments).toHaveLength(4);
    expect(
      pull.reviews.filter((review) => review.user.type === "Bot"),
    ).toHaveLength(1);
    expect(scenario.calls(THREADS)).toHaveLength(1);
    expect(scenario.calls(RESOLVE)).toHaveLength(1);
    const [run] = scenario.checkRuns(pull.headSha);
    expect(run?.output.summary).toContain(
      "Resolved 1 review thread whose finding is no longer in the changes.",
    );
  });
});

describe.concurrent("large pull requests", { timeout: E2E_TIMEOUT_MS }, () => {
  it("reviews up to 3,000 files and says the rest is partial", async ({
    expect,
  }) => {
    const oldBig = Array.from(
      { length: 6000 },
      (_, index) => `export const value${index} = ${index};`,
    ).join("\n");
    const scenario = env.createScenario(app, "large", {
      "README.md": "# Shop\n",
      "src/patchless.js": HEALTH_ROUTE,
      "src/rewritten.js": `${oldBig}\n`,
    });
    const changes: Record<string, string> = {};
    // 60 routes with added lines: more than one blob query of 50.
    for (let index = 0; index < 60; index++) {
      changes[`src/routes/r${String(index).padStart(2, "0")}.js`] =
        HEALTH_ROUTE;
    }
    Object.assign(changes, {
      "src/patchless.js": SESSION_SERVER,
      "src/rewritten.js": `${oldBig.replace(/= (\d*[02468]);/g, "= $1 + 1;")}\n`,
      "src/binary.js": "\u0000\u0001binary",
      "src/app.min.js": "var a=1;",
      "src/packed.js": `var x = "${"y".repeat(1500)}";\n`,
      "src/api.generated.ts": "export const api = 1;\n",
      "src/huge.js": `// ${"z".repeat(1_100_000)}\n`,
      "vendor/lib.js": SESSION_SERVER,
    });
    // Documentation pages fill the listing up to GitHub's 3,000 files, so
    // `zz/late.js`, last in order, is not listed.
    const listed = Object.keys(changes).length;
    for (let index = 0; index < 3000 - listed; index++) {
      changes[`docs/page-${String(index).padStart(4, "0")}.md`] =
        `# ${index}\n`;
    }
    changes["zz/late.js"] = SESSION_SERVER;
    const pull = scenario.openPullRequest(1, changes, {
      omitPatch: ["src/patchless.js", "src/rewritten.js"],
    });

    const finished = await scenario.review(1);

    expect(finished).toMatchObject({ findings: 1, posted: 1 });
    expect(scenario.calls(LIST_FILES)).toHaveLength(30);
    const comments = scenario.pull(1).comments;
    expect(comments.map((comment) => comment.path)).toEqual([
      "src/patchless.js",
    ]);
    // Blob queries: the head files in batches of 50, then the base side of
    // the files without a patch, at the merge base.
    const batches = listBlobExpressions(scenario.calls(BLOBS));
    expect(batches.map((batch) => batch.length)).toEqual([50, 15, 2]);
    expect(batches[2]).toEqual([
      `${pull.baseSha}:src/patchless.js`,
      `${pull.baseSha}:src/rewritten.js`,
    ]);
    expect(scenario.calls(COMPARE)).toHaveLength(1);

    const [run] = scenario.checkRuns(pull.headSha);
    const summary = run?.output.summary ?? "";
    expect(summary).toContain(
      "**Partial review:** GitHub lists at most 3,000 files",
    );
    for (const [reason, path] of [
      ["binary file", "src/binary.js"],
      ["minified file (*.min.js)", "src/app.min.js"],
      ["minified (first line longer than 1000 characters)", "src/packed.js"],
      ["generated file (*.generated.*)", "src/api.generated.ts"],
      ["larger than 1 MiB", "src/huge.js"],
      ["vendored or build output (vendor/)", "vendor/lib.js"],
      ["the file's change is too large to diff here", "src/rewritten.js"],
    ]) {
      expect(summary).toContain(reason);
      expect(summary).toContain(`\`${path}\``);
    }
    expect(summary).not.toContain("zz/late.js");
  });
});

describe.concurrent("limits", { timeout: E2E_TIMEOUT_MS }, () => {
  it("caps comments and escapes user text", async ({ expect }) => {
    const scenario = env.createScenario(app, "limits", {
      "README.md": "# Shop\n",
      ".github/structra.yml": "comments:\n  max: 3\n",
    });
    const path = "src/@octocat/<img src=x>/```/server.js";
    const sessions = Array.from(
      { length: 60 },
      (_, index) => `app.use(session({ secret: "s${index}" }));`,
    );
    const source = [
      'import express from "express";',
      'import session from "express-session";',
      "",
      "const app = express();",
      "app.use(",
      "  session({",
      '    secret: "@octocat <img src=x onerror=alert(1)> ```",',
      "  }),",
      ");",
      ...sessions,
      "app.listen(3000);",
      "",
    ].join("\n");
    const pull = scenario.openPullRequest(1, { [path]: source });

    const finished = await scenario.review(1);

    expect(finished).toMatchObject({ findings: 61, posted: 3 });
    const comments = scenario.pull(1).comments;
    expect(comments).toHaveLength(3);
    for (const comment of comments) {
      const rendered = stripCode(comment.body);
      expect(rendered).not.toContain("@octocat");
      expect(rendered).not.toContain("<img");
    }
    // The suggestion quotes a line with ```, so its fence is longer.
    const suggested = comments.find(
      (comment) => comment.startLine !== undefined,
    );
    expect(suggested?.body).toMatch(/\n````suggestion\n/);

    const [run] = scenario.checkRuns(pull.headSha);
    // 61 annotations in requests of at most 50.
    expect(run?.output.annotations).toHaveLength(61);
    expect(run?.annotationRequests).toEqual([50, 11]);
    expect(scenario.calls(PATCH_CHECK_RUN)).toHaveLength(2);
    const summary = run?.output.summary ?? "";
    expect(summary).toContain(
      "58 new findings were not posted as inline comments because `comments.max` is 3",
    );
    expect(summary).toContain("the findings table above may be cut short");
    const rendered = stripCode(summary);
    expect(rendered).not.toContain("@octocat");
    expect(rendered).not.toContain("<img");
    expect(summary).toContain(
      "````src/@octocat/<img src=x>/```/server.js:6````",
    );
  });
});

describe.concurrent("suggestions", { timeout: E2E_TIMEOUT_MS }, () => {
  it("spans the finding's line and the suggested lines", async ({ expect }) => {
    const scenario = env.createScenario(app, "suggestion");
    const source = [
      'import express from "express";',
      'import session from "express-session";',
      "",
      "const app = express();",
      "app.use(",
      "  session({",
      '    secret: "keyboard cat",',
      "  }),",
      ");",
      "",
    ].join("\n");
    scenario.openPullRequest(1, { "src/server.js": source });

    expect(await scenario.review(1)).toMatchObject({ posted: 1 });

    const [comment] = scenario.pull(1).comments;
    expect(comment).toMatchObject({ startLine: 6, line: 7 });
    expect(comment?.body).toContain(
      [
        "```suggestion",
        "  session({",
        "    store: new RedisStore({ client: redisClient }),",
        '    secret: "keyboard cat",',
        "```",
      ].join("\n"),
    );
  });
});

describe.concurrent("events", { timeout: E2E_TIMEOUT_MS }, () => {
  it("gates a draft only once it is ready", async ({ expect }) => {
    const scenario = env.createScenario(app, "draft");
    const pull = scenario.openPullRequest(
      1,
      { "src/server.js": SESSION_SERVER },
      { draft: true },
    );

    await scenario.deliver(scenario.event(1));
    await waitFor(() => scenario.checkRuns(pull.headSha).length === 1);
    const [draftRun] = scenario.checkRuns(pull.headSha);
    expect(draftRun).toMatchObject({
      status: "completed",
      conclusion: "neutral",
    });
    expect(draftRun?.output.title).toBe(
      "Draft: not gated until ready for review",
    );
    expect(scenario.pull(1).reviews).toEqual([]);

    scenario.pull(1).draft = false;
    const finished = await scenario.review(1, "ready_for_review");

    expect(finished).toMatchObject({ conclusion: "failure", posted: 1 });
    expect(
      scenario.checkRuns(pull.headSha).map((run) => run.conclusion),
    ).toEqual(["neutral", "failure"]);
  });

  it("re-runs checks of a fork's pull request", async ({ expect }) => {
    const scenario = env.createScenario(app, "fork");
    const pull = scenario.openPullRequest(
      1,
      { "src/server.js": SESSION_SERVER },
      { fork: true },
    );

    for (const kind of ["check_suite", "check_run"] as const) {
      await scenario.deliver(
        buildRerequestEvent(
          env.github,
          scenario.repo,
          kind,
          pull.headSha,
          [],
          scenario.installationId,
        ),
      );
    }
    const runs = await scenario.waitForRuns(pull.headSha, 2);

    expect(runs.map((run) => [run.pr, run.posted])).toEqual([
      [1, 1],
      [1, 0],
    ]);
    expect(scenario.pull(1).comments).toHaveLength(1);
    expect(
      scenario.checkRuns(pull.headSha).map((run) => run.conclusion),
    ).toEqual(["failure", "failure"]);
  });

  it("checks a merge group without a review", async ({ expect }) => {
    const scenario = env.createScenario(app, "merge-queue");
    const repository = env.github.repository(scenario.repo);
    const baseSha = repository.branches.get("main") as string;
    const headSha = env.github.commit(scenario.repo, baseSha, {
      "src/server.js": SESSION_SERVER,
    });

    await scenario.deliver(
      buildMergeGroupEvent(
        env.github,
        scenario.repo,
        baseSha,
        headSha,
        scenario.installationId,
      ),
    );
    const [finished] = await scenario.waitForRuns(
      headSha,
      1,
      app,
      "Merge group review finished",
    );

    expect(finished).toMatchObject({
      findings: 1,
      posted: 0,
      conclusion: "failure",
    });
    const [run] = scenario.checkRuns(headSha);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.output.annotations).toHaveLength(1);
    expect(run?.output.annotations[0]).toMatchObject({
      path: "src/server.js",
      start_line: SESSION_LINE,
    });
    expect(scenario.calls(COMPARE).map((call) => call.path)).toEqual([
      `/api/v3/repos/${scenario.repo}/compare/${baseSha}...${headSha}`,
    ]);
  });

  it("reads the configuration from the default branch only", async ({
    expect,
  }) => {
    const scenario = env.createScenario(app, "config", {
      "README.md": "# Shop\n",
      ".github/structra.yml": "detectors:\n  session-memory-store: warning\n",
    });
    // The pull request tries to switch its own check off.
    const pull = scenario.openPullRequest(1, {
      "src/server.js": SESSION_SERVER,
      ".github/structra.yml": "detectors:\n  session-memory-store: off\n",
    });

    const finished = await scenario.review(1);

    expect(finished).toMatchObject({ findings: 1, conclusion: "success" });
    const [run] = scenario.checkRuns(pull.headSha);
    expect(run?.output.title).toBe("1 finding below the fail level");
    expect(scenario.calls(GET_CONTENT).map((call) => call.path)).toEqual([
      `/api/v3/repos/${scenario.repo}/contents/.github%2Fstructra.yml`,
    ]);
    const [comment] = scenario.pull(1).comments;
    expect(parseMarkers(comment?.body ?? "")).toHaveLength(1);
  });
});
