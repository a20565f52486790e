import nock from "nock";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from "vitest";

import { parseMarkers } from "../../src/reporters/marker.js";
import {
  API,
  BASE_SHA,
  buildAddedPatch,
  createTestApp,
  deliver,
  INSTALLATION_TOKEN,
  loadPayload,
  loadSource,
  LOG_LEVEL,
  mockBlobs,
  mockConfig,
  mockCreateCheckRun,
  mockCreateReview,
  mockGetPull,
  mockInstallationToken,
  mockListFiles,
  mockListReviews,
  mockReviewComments,
  mockUpdateCheckRun,
  OWNER,
  REPO,
  REPO_PATH,
  SHA1,
  SHA2,
  type Body,
  type TestApp,
} from "./harness.js";

const SERVER = loadSource("server.js");
const HEALTH = loadSource("health.js");
const BROKEN = loadSource("broken.js");
const SESSION_LINE = 5;
const RULE = "F-03/session-memory-store";

/** Requests that matched no mock; each would have gone to the network. */
const unmatched: string[] = [];
function recordUnmatched(request: { method?: string; path?: string }): void {
  unmatched.push(`${request.method} ${request.path}`);
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on("no match", recordUnmatched);
});
beforeEach(() => {
  unmatched.length = 0;
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.emitter.off("no match", recordUnmatched);
  nock.enableNetConnect();
});

/** Asserts that every mock was used and no request went unmocked. */
function expectAllRequestsMocked(): void {
  expect(unmatched).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
  expect(nock.isDone()).toBe(true);
}

function getFinishLines(app: TestApp) {
  return app.logs.filter(
    (record) =>
      record.level === LOG_LEVEL.info &&
      record.msg === "Pull request review finished",
  );
}

/** Our own log records: Probot's request log echoes request bodies at debug level. */
function getOwnLogText(app: TestApp): string {
  return app.logs
    .filter((record) => !String(record.msg).startsWith("GitHub request:"))
    .map((record) => JSON.stringify(record))
    .join("\n");
}

interface Recorded {
  checkCreates: Body[];
  checkUpdates: Body[];
  graphql: Body[];
  reviews: Body[];
  submits: Body[];
}

function createRecorded(): Recorded {
  return {
    checkCreates: [],
    checkUpdates: [],
    graphql: [],
    reviews: [],
    submits: [],
  };
}

function getOutput(body: Body | undefined): {
  title: string;
  summary: string;
  text?: string;
  annotations?: Body[];
} {
  return body?.output as ReturnType<typeof getOutput>;
}

describe("pull_request.opened", () => {
  it("posts the inline comment and fails the check", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
      {
        filename: "README.md",
        status: "modified",
        patch: "@@ -1 +1 @@\n-# Shop\n+# Shop service",
      },
    ]);
    mockBlobs(scope, recorded.graphql, [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockCreateReview(scope, 7, recorded.reviews, recorded.submits);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkCreates).toEqual([
      {
        name: "Structra F-03",
        head_sha: SHA1,
        external_id: expect.any(String),
        status: "in_progress",
        started_at: expect.any(String),
      },
    ]);
    expect(recorded.graphql).toHaveLength(1);
    expect(recorded.graphql[0]?.variables).toEqual({
      owner: OWNER,
      repo: REPO,
      e0: `${SHA1}:src/server.js`,
    });

    expect(recorded.reviews).toHaveLength(1);
    const review = recorded.reviews[0] as Body;
    expect(review.commit_id).toBe(SHA1);
    // Created pending, then submitted as a comment review.
    expect(review.event).toBeUndefined();
    expect(recorded.submits).toEqual([{ event: "COMMENT", body: review.body }]);
    const comments = review.comments as Body[];
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({
      path: "src/server.js",
      line: SESSION_LINE,
      side: "RIGHT",
    });
    const commentBody = String(comments[0]?.body);
    expect(commentBody).toContain(RULE);
    expect(parseMarkers(commentBody)).toHaveLength(1);

    expect(recorded.checkUpdates).toHaveLength(1);
    const update = recorded.checkUpdates[0] as Body;
    expect(update.status).toBe("completed");
    expect(update.conclusion).toBe("failure");
    const output = getOutput(update);
    expect(output.annotations).toHaveLength(1);
    expect(output.annotations?.[0]).toMatchObject({
      path: "src/server.js",
      start_line: SESSION_LINE,
      annotation_level: "failure",
    });
    expect(output.summary).toContain("session-memory-store");
    expectAllRequestsMocked();
  });

  it("logs one info line with the run's fields", async () => {
    const app = await createTestApp();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, []);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockBlobs(scope, [], [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockCreateReview(scope, 7, []);
    mockUpdateCheckRun(scope, []);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    const finished = getFinishLines(app);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({
      repo: `${OWNER}/${REPO}`,
      pr: 7,
      sha: SHA1,
      findings: 1,
      posted: 1,
      conclusion: "failure",
    });
    expect(finished[0]?.durationMs).toEqual(expect.any(Number));
    expect(app.logText()).not.toContain(INSTALLATION_TOKEN);
    expect(getOwnLogText(app)).not.toContain("keyboard cat");
    expectAllRequestsMocked();
  });
});

describe("pull_request.synchronize", () => {
  it("skips a finding whose marker is already posted", async () => {
    const first = await createTestApp();
    const firstRun = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, []);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockBlobs(scope, [], [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockCreateReview(scope, 7, firstRun.reviews);
    mockUpdateCheckRun(scope, []);
    await deliver(
      first.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );
    const postedComments = firstRun.reviews[0]?.comments as Body[];
    const postedBody = String(postedComments[0]?.body);
    expectAllRequestsMocked();

    // The new commit adds a line above the session, so the finding moves
    // from line 5 to line 6 but keeps its fingerprint.
    const moved = SERVER.replace(
      "const app = express();\n",
      'const app = express();\napp.disable("x-powered-by");\n',
    );
    const second = await createTestApp();
    const secondRun = createRecorded();
    const again = nock(API);
    mockInstallationToken(again);
    mockCreateCheckRun(again, secondRun.checkCreates);
    mockConfig(again);
    mockListFiles(again, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(moved),
      },
    ]);
    mockBlobs(again, secondRun.graphql, [{ text: moved }]);
    mockGetPull(again, 7, SHA2);
    mockReviewComments(again, 7, [postedBody]);
    mockListReviews(again, 7);
    mockUpdateCheckRun(again, secondRun.checkUpdates);

    await deliver(
      second.probot,
      "pull_request",
      loadPayload("pull_request.synchronize"),
    );

    expect(secondRun.checkCreates[0]?.head_sha).toBe(SHA2);
    expect(secondRun.graphql[0]?.variables).toMatchObject({
      e0: `${SHA2}:src/server.js`,
    });
    expect(secondRun.checkUpdates).toHaveLength(1);
    expect(secondRun.checkUpdates[0]?.conclusion).toBe("failure");
    const annotations = getOutput(secondRun.checkUpdates[0]).annotations;
    expect(annotations?.[0]?.start_line).toBe(SESSION_LINE + 1);
    expect(getFinishLines(second)[0]).toMatchObject({ findings: 1, posted: 0 });
    expectAllRequestsMocked();
  });
});

describe("check_run.rerequested", () => {
  it("creates a new check run and reviews again", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockBlobs(scope, [], [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockCreateReview(scope, 7, recorded.reviews);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "check_run",
      loadPayload("check_run.rerequested"),
    );

    expect(recorded.checkCreates).toHaveLength(1);
    expect(recorded.checkCreates[0]).toMatchObject({
      name: "Structra F-03",
      head_sha: SHA1,
      status: "in_progress",
    });
    expect(recorded.reviews).toHaveLength(1);
    expect(recorded.checkUpdates[0]?.conclusion).toBe("failure");
    expectAllRequestsMocked();
  });

  it("finds a fork's pull request among the open ones", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    scope
      .get(`${REPO_PATH}/commits/${SHA1}/pulls`)
      .query({ per_page: "100" })
      .reply(200, []);
    scope
      .get(`${REPO_PATH}/pulls`)
      .query({ state: "open", per_page: "100" })
      .reply(200, [
        { number: 3, state: "open", head: { sha: SHA2 } },
        { number: 12, state: "open", head: { sha: SHA1 } },
      ]);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 12, [
      {
        filename: "src/health.js",
        status: "added",
        patch: buildAddedPatch(HEALTH),
      },
    ]);
    mockBlobs(scope, [], [{ text: HEALTH }]);
    mockGetPull(scope, 12, SHA1);
    mockReviewComments(scope, 12, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "check_run",
      loadPayload("check_run.rerequested.fork"),
    );

    expect(recorded.checkCreates[0]?.head_sha).toBe(SHA1);
    expect(recorded.checkUpdates[0]?.conclusion).toBe("success");
    expect(getFinishLines(app)[0]).toMatchObject({ pr: 12 });
    expectAllRequestsMocked();
  });

  it("ignores another app's check run", async () => {
    const app = await createTestApp();

    await deliver(
      app.probot,
      "check_run",
      loadPayload("check_run.rerequested.other-app"),
    );

    expect(getFinishLines(app)).toEqual([]);
    expectAllRequestsMocked();
  });
});

describe("check_suite.rerequested", () => {
  it("reviews the pull request found by head commit", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    scope
      .get(`${REPO_PATH}/commits/${SHA1}/pulls`)
      .query({ per_page: "100" })
      .reply(200, [
        { number: 5, state: "closed", head: { sha: SHA1 } },
        { number: 7, state: "open", head: { sha: SHA1 } },
      ]);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/health.js",
        status: "added",
        patch: buildAddedPatch(HEALTH),
      },
    ]);
    mockBlobs(scope, [], [{ text: HEALTH }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "check_suite",
      loadPayload("check_suite.rerequested"),
    );

    expect(recorded.checkCreates).toHaveLength(1);
    expect(recorded.checkUpdates[0]?.conclusion).toBe("success");
    expect(getFinishLines(app).map((line) => line.pr)).toEqual([7]);
    expectAllRequestsMocked();
  });
});

describe("review outcomes", () => {
  it("leaves an unchanged line without comment", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    // Line 5 with the session is a context line, and only line 6 is added.
    const head = SERVER.replace(
      "app.listen(3000);\n",
      "app.use(express.json());\napp.listen(3000);\n",
    );
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "modified",
        patch: [
          "@@ -3,4 +3,5 @@",
          " ",
          " const app = express();",
          ' app.use(session({ secret: "keyboard cat" }));',
          "+app.use(express.json());",
          " app.listen(3000);",
        ].join("\n"),
      },
    ]);
    mockBlobs(scope, [], [{ text: head }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates).toHaveLength(1);
    expect(recorded.checkUpdates[0]?.conclusion).toBe("success");
    expect(getOutput(recorded.checkUpdates[0]).annotations).toBeUndefined();
    expect(getFinishLines(app)[0]).toMatchObject({ findings: 0, posted: 0 });
    expectAllRequestsMocked();
  });

  it("sends over 50 annotations in batches", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const lines = [
      'import express from "express";',
      'import session from "express-session";',
      "",
      "const app = express();",
    ];
    for (let area = 0; area < 60; area++) {
      lines.push(`app.use("/area${area}", session({ secret: "s${area}" }));`);
    }
    lines.push("app.listen(3000);");
    const areas = `${lines.join("\n")}\n`;

    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/areas.js",
        status: "added",
        patch: buildAddedPatch(areas),
      },
    ]);
    mockBlobs(scope, [], [{ text: areas }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockCreateReview(scope, 7, recorded.reviews);
    mockUpdateCheckRun(scope, recorded.checkUpdates, 2);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates).toHaveLength(2);
    const [completing, appended] = recorded.checkUpdates;
    expect(completing?.status).toBe("completed");
    expect(completing?.conclusion).toBe("failure");
    expect(getOutput(completing).annotations).toHaveLength(50);
    expect(appended?.status).toBeUndefined();
    expect(appended?.conclusion).toBeUndefined();
    expect(getOutput(appended).annotations).toHaveLength(10);
    const annotatedLines = [
      ...(getOutput(completing).annotations ?? []),
      ...(getOutput(appended).annotations ?? []),
    ].map((annotation) => annotation.start_line);
    expect(new Set(annotatedLines).size).toBe(60);

    // The default cap is 30 comments, so the summary names the other 30.
    const comments = recorded.reviews[0]?.comments as Body[];
    expect(comments).toHaveLength(30);
    expect(getOutput(completing).summary).toContain(
      "30 new findings were not posted as inline comments because `comments.max` is 30",
    );
    expectAllRequestsMocked();
  });

  it("honours a detector turned off", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope, "detectors:\n  session-memory-store: off\n");
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockBlobs(scope, [], [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates[0]?.conclusion).toBe("success");
    expect(getOutput(recorded.checkUpdates[0]).annotations).toBeUndefined();
    expect(getFinishLines(app)[0]).toMatchObject({ findings: 0, posted: 0 });
    expectAllRequestsMocked();
  });

  it("merges an extended config one level deep", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope, "_extends: .github\ncomments:\n  max: 5\n");
    scope
      .get(`/repos/${OWNER}/.github/contents/.github%2Fstructra.yml`)
      .reply(200, "comments:\n  inline: false\n", {
        "content-type": "application/vnd.github.raw; charset=utf-8",
      });
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockBlobs(scope, [], [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    // The organisation's `inline: false` survives the repository's `max: 5`.
    expect(recorded.checkUpdates[0]?.conclusion).toBe("failure");
    expect(getOutput(recorded.checkUpdates[0]).summary).toContain(
      "comments.inline: false",
    );
    expectAllRequestsMocked();
  });

  it("fails an invalid config naming the key", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope, "failOn: critical\n");
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.reopened"),
    );

    expect(recorded.checkUpdates).toHaveLength(1);
    const update = recorded.checkUpdates[0] as Body;
    expect(update.status).toBe("completed");
    expect(update.conclusion).toBe("failure");
    const output = getOutput(update);
    expect(output.title).toBe("Invalid .github/structra.yml: failOn");
    expect(output.summary).toContain("acme/shop:.github/structra.yml");
    expect(output.summary).toContain("failOn");
    expect(output.summary).toContain("Re-run");
    expect(
      app.logs.filter((record) => record.level === LOG_LEVEL.warn),
    ).toEqual([expect.objectContaining({ key: "failOn" })]);
    expectAllRequestsMocked();
  });

  it("fails a config that is not YAML", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope, "detectors: [unclosed\n");
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    const output = getOutput(recorded.checkUpdates[0]);
    expect(recorded.checkUpdates[0]?.conclusion).toBe("failure");
    expect(output.title).toBe("Invalid .github/structra.yml: (file)");
    expect(output.summary).toContain("invalid YAML");
    expectAllRequestsMocked();
  });

  it("reports a syntax error and completes", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/broken.js",
        status: "added",
        patch: buildAddedPatch(BROKEN),
      },
      {
        filename: "src/health.js",
        status: "added",
        patch: buildAddedPatch(HEALTH),
      },
    ]);
    mockBlobs(scope, [], [{ text: BROKEN }, { text: HEALTH }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates).toHaveLength(1);
    expect(recorded.checkUpdates[0]?.status).toBe("completed");
    expect(recorded.checkUpdates[0]?.conclusion).toBe("success");
    const summary = getOutput(recorded.checkUpdates[0]).summary;
    expect(summary).toContain("Files that could not be parsed");
    expect(summary).toContain("src/broken.js:3");
    expectAllRequestsMocked();
  });

  it("is neutral without JavaScript or TypeScript", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "README.md",
        status: "modified",
        patch: "@@ -1 +1 @@\n-# Shop\n+# Shop service",
      },
      { filename: "docs/logo.png", status: "added", changes: 0 },
    ]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.ready_for_review"),
    );

    expect(recorded.checkUpdates).toHaveLength(1);
    expect(recorded.checkUpdates[0]?.conclusion).toBe("neutral");
    expectAllRequestsMocked();
  });

  it("lists skipped files with their reasons", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    const added = buildAddedPatch(SERVER);
    mockListFiles(scope, 7, [
      { filename: "vendor/legacy.js", status: "added", patch: added },
      { filename: "dist/server.js", status: "added", patch: added },
      { filename: "public/app.min.js", status: "added", patch: added },
      { filename: "src/api.generated.ts", status: "added", patch: added },
      { filename: "src/old.js", status: "removed", patch: "@@ -1 +0,0 @@\n-x" },
      { filename: "src/huge.js", status: "added", patch: added },
      { filename: "src/packed.js", status: "added", patch: added },
      { filename: "src/image.js", status: "added", patch: added },
      { filename: "src/server.js", status: "added", patch: added },
      { filename: "src/large.js", status: "modified", changes: 0 },
      { filename: "src/moved.js", status: "renamed", changes: 0 },
    ]);
    mockBlobs(scope, recorded.graphql, [
      { text: SERVER, byteSize: 2_000_000 },
      { text: `${"x".repeat(1500)}\n` },
      { text: null, isBinary: true },
      { text: SERVER },
      { text: `${HEALTH}app.use(cors());\n` },
    ]);
    // src/large.js came without a patch, so it is diffed against its text
    // at the merge base.
    scope
      .get(`${REPO_PATH}/compare/${BASE_SHA}...${SHA1}`)
      .reply(200, { merge_base_commit: { sha: BASE_SHA }, files: [] });
    mockBlobs(scope, recorded.graphql, [{ text: HEALTH }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockCreateReview(scope, 7, recorded.reviews);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.graphql[0]?.variables).toEqual({
      owner: OWNER,
      repo: REPO,
      e0: `${SHA1}:src/huge.js`,
      e1: `${SHA1}:src/packed.js`,
      e2: `${SHA1}:src/image.js`,
      e3: `${SHA1}:src/server.js`,
      e4: `${SHA1}:src/large.js`,
    });
    expect(recorded.graphql[1]?.variables).toEqual({
      owner: OWNER,
      repo: REPO,
      e0: `${BASE_SHA}:src/large.js`,
    });
    const summary = getOutput(recorded.checkUpdates[0]).summary;
    const expectedReasons = [
      "vendored or build output (vendor/)",
      "vendored or build output (dist/)",
      "minified file (*.min.js)",
      "generated file (*.generated.*)",
      "removed in this pull request",
      "larger than 1 MiB (2000000 bytes)",
      "minified (first line longer than 1000 characters)",
      "binary file",
    ];
    for (const reason of expectedReasons) {
      expect(summary).toContain(reason);
    }
    for (const path of ["vendor/legacy.js", "src/huge.js", "src/image.js"]) {
      expect(summary).toContain(path);
    }
    expect(summary).not.toContain("src/large.js");
    expect(summary).not.toContain("src/moved.js");
    expect(recorded.checkUpdates[0]?.conclusion).toBe("failure");
    expectAllRequestsMocked();
  });

  it("posts nothing when the head moved", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockBlobs(scope, [], [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1, { times: 1 });
    mockGetPull(scope, 7, SHA2, { times: 1 });
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates).toHaveLength(1);
    expect(recorded.checkUpdates[0]?.conclusion).toBe("cancelled");
    const output = getOutput(recorded.checkUpdates[0]);
    expect(output.title).toBe(`Superseded by ${SHA2.slice(0, 7)}`);
    expect(output.summary).toContain(`moved from \`${SHA1}\` to \`${SHA2}\``);
    expect(output.annotations).toBeUndefined();
    expect(getFinishLines(app)[0]).toMatchObject({
      conclusion: "cancelled",
      findings: 1,
      posted: 0,
    });
    expectAllRequestsMocked();
  });

  it("posts nothing with inline comments off", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope, "comments:\n  inline: false\n");
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockBlobs(scope, [], [{ text: SERVER }]);
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates[0]?.conclusion).toBe("failure");
    expect(getOutput(recorded.checkUpdates[0]).annotations).toHaveLength(1);
    expect(getOutput(recorded.checkUpdates[0]).summary).toContain(
      "comments.inline: false",
    );
    expectAllRequestsMocked();
  });
});

describe("large pull requests", () => {
  function mockFilesPage(
    scope: nock.Scope,
    page: number,
    files: Body[],
    lastPage: number,
  ): void {
    const query =
      page === 1
        ? { per_page: "100" }
        : { per_page: "100", page: String(page) };
    const next = `${API}${REPO_PATH}/pulls/7/files?per_page=100&page=${page + 1}`;
    scope
      .get(`${REPO_PATH}/pulls/7/files`)
      .query(query)
      .reply(
        200,
        files,
        page < lastPage ? { link: `<${next}>; rel="next"` } : {},
      );
  }

  function createFiles(prefix: string, count: number, patch: string): Body[] {
    return Array.from({ length: count }, (_, index) => ({
      filename: `${prefix}${index}.${prefix.startsWith("src") ? "js" : "md"}`,
      status: "added",
      changes: 5,
      patch,
    }));
  }

  it("pages files and batches blob queries", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    const jsPatch = buildAddedPatch(HEALTH);
    mockFilesPage(
      scope,
      1,
      [
        ...createFiles("src/route", 60, jsPatch),
        ...createFiles("docs/page", 40, "@@ -0,0 +1 @@\n+x"),
      ],
      2,
    );
    mockFilesPage(scope, 2, createFiles("src/more", 5, jsPatch), 2);
    mockBlobs(scope, recorded.graphql, Array(50).fill({ text: HEALTH }));
    mockBlobs(scope, recorded.graphql, Array(15).fill({ text: HEALTH }));
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.graphql).toHaveLength(2);
    const [first, second] = recorded.graphql.map(
      (body) => body.variables as Record<string, string>,
    );
    expect(Object.keys(first ?? {})).toHaveLength(52);
    expect(first?.e49).toBe(`${SHA1}:src/route49.js`);
    expect(Object.keys(second ?? {})).toHaveLength(17);
    expect(second?.e14).toBe(`${SHA1}:src/more4.js`);
    expect(String(recorded.graphql[1]?.query)).toContain(
      "f14: object(expression: $e14)",
    );
    expect(recorded.checkUpdates[0]?.conclusion).toBe("success");
    expect(getOutput(recorded.checkUpdates[0]).summary).toContain("65 files");
    expectAllRequestsMocked();
  });

  it("marks a review partial at 3,000 files", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    for (let page = 1; page <= 30; page++) {
      mockFilesPage(
        scope,
        page,
        createFiles(`docs/p${page}-`, 100, "@@ -0,0 +1 @@\n+x"),
        30,
      );
    }
    mockGetPull(scope, 7, SHA1);
    mockReviewComments(scope, 7, []);
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates[0]?.conclusion).toBe("neutral");
    expect(getOutput(recorded.checkUpdates[0]).summary).toContain(
      "GitHub lists at most 3,000 files of a pull request",
    );
    expectAllRequestsMocked();
  });
});

describe("draft pull request", () => {
  it("completes the check as neutral", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened.draft"),
    );

    expect(recorded.checkCreates).toEqual([
      {
        name: "Structra F-03",
        head_sha: SHA1,
        status: "completed",
        conclusion: "neutral",
        completed_at: expect.any(String),
        output: {
          title: "Draft: not gated until ready for review",
          summary: expect.any(String),
        },
      },
    ]);
    expectAllRequestsMocked();
  });
});

describe("GitHub error mid-run", () => {
  it("completes the check as failure", async () => {
    const app = await createTestApp();
    const recorded = createRecorded();
    const scope = nock(API);
    mockInstallationToken(scope);
    mockCreateCheckRun(scope, recorded.checkCreates);
    mockConfig(scope);
    mockListFiles(scope, 7, [
      {
        filename: "src/server.js",
        status: "added",
        patch: buildAddedPatch(SERVER),
      },
    ]);
    mockGetPull(scope, 7, SHA1, { times: 1 });
    scope.post("/graphql").reply(
      502,
      { message: "Server Error" },
      {
        "x-github-request-id": "ABCD:1234:5678",
      },
    );
    mockUpdateCheckRun(scope, recorded.checkUpdates);

    await deliver(
      app.probot,
      "pull_request",
      loadPayload("pull_request.opened"),
    );

    expect(recorded.checkUpdates).toHaveLength(1);
    const update = recorded.checkUpdates[0] as Body;
    expect(update.status).toBe("completed");
    expect(update.conclusion).toBe("failure");
    const output = getOutput(update);
    expect(output.title).toBe("Structra could not finish the review");
    expect(output.summary).toContain("fetching file contents");
    expect(output.summary).toContain("502");
    expect(output.summary).toContain("ABCD:1234:5678");
    expect(output.summary).toContain("Re-run");

    const errors = app.logs.filter(
      (record) => record.level === LOG_LEVEL.error,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      step: "fetching file contents",
      err: expect.objectContaining({ status: 502 }),
    });
    expect(getFinishLines(app)[0]).toMatchObject({
      conclusion: "failure",
      posted: 0,
    });
    expect(app.logText()).not.toContain(INSTALLATION_TOKEN);
    expectAllRequestsMocked();
  });
});
