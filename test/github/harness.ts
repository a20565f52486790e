import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";

import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";

import app from "../../src/github/app.js";

export const API = "https://api.github.com";
export const OWNER = "acme";
export const REPO = "shop";
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;
export const INSTALLATION_ID = 2;
export const INSTALLATION_TOKEN = "ghs_installationTokenForTests0000000000";
export const SHA1 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
export const SHA2 = "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
export const CHECK_RUN_ID = 4242;

const FIXTURES = new URL("../fixtures/github/", import.meta.url);

// Generated once per test file, because RSA key generation is slow.
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** pino's numeric levels. */
export const LOG_LEVEL = { debug: 20, info: 30, warn: 40, error: 50 };

export interface TestApp {
  probot: Probot;
  logs: LogRecord[];
  /** Raw log lines, for checking that no secret or file content leaks. */
  logText: () => string;
}

/** Creates a Probot instance with the app loaded and its logs captured. */
export async function createTestApp(): Promise<TestApp> {
  const lines: string[] = [];
  const log = pino(
    { level: "debug" },
    { write: (line: string) => void lines.push(line) },
  );
  const probot = new Probot({
    appId: 1,
    privateKey,
    log,
    // Defaults given as a function, because Probot 14 passes its own
    // `throttle` options per instance. Those would replace an object's
    // `throttle` and leave throttling on, one write request per second.
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...(options.throttle as object), enabled: false },
    })),
  });
  await probot.load(app);
  return {
    probot,
    get logs() {
      return lines.map((line) => JSON.parse(line) as LogRecord);
    },
    logText: () => lines.join(""),
  };
}

export function loadPayload(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`${name}.json`, FIXTURES), "utf8"),
  ) as Record<string, unknown>;
}

export function loadSource(name: string): string {
  return readFileSync(new URL(`sources/${name}`, FIXTURES), "utf8");
}

/** Delivers a webhook event the way Probot's server would after verifying it. */
export async function deliver(
  probot: Probot,
  name: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await probot.receive({
    id: `delivery-${name}`,
    name,
    payload,
  } as unknown as Parameters<Probot["receive"]>[0]);
}

/** Builds GitHub's `patch` field for a file added with this text. */
export function buildAddedPatch(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return [
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map((line) => `+${line}`),
  ].join("\n");
}

/** A request body that nock recorded, for assertions after the run. */
export type Body = Record<string, unknown>;

/** Returns a nock body matcher that records every body and accepts it. */
export function recordBody(bodies: Body[]): (body: Body) => boolean {
  return (body) => {
    bodies.push(body);
    return true;
  };
}

export function mockInstallationToken(scope: nock.Scope): nock.Scope {
  return scope
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, {
      token: INSTALLATION_TOKEN,
      expires_at: "2099-01-01T00:00:00Z",
      permissions: {
        checks: "write",
        pull_requests: "write",
        contents: "read",
        metadata: "read",
      },
      repository_selection: "all",
    });
}

const CONFIG_URL_PATH = "/contents/.github%2Fstructra.yml";

/**
 * Mocks the configuration lookup: the repository's own file, or a 404 for
 * it and for the organisation's `.github` repository.
 */
export function mockConfig(scope: nock.Scope, yamlText?: string): nock.Scope {
  if (yamlText !== undefined) {
    return scope.get(`${REPO_PATH}${CONFIG_URL_PATH}`).reply(200, yamlText, {
      "content-type": "application/vnd.github.raw; charset=utf-8",
    });
  }
  return scope
    .get(`${REPO_PATH}${CONFIG_URL_PATH}`)
    .reply(404, { message: "Not Found" })
    .get(`/repos/${OWNER}/.github${CONFIG_URL_PATH}`)
    .reply(404, { message: "Not Found" });
}

export function mockCreateCheckRun(
  scope: nock.Scope,
  bodies: Body[],
): nock.Scope {
  return scope
    .post(`${REPO_PATH}/check-runs`, recordBody(bodies))
    .reply(201, { id: CHECK_RUN_ID });
}

/** Mocks `count` updates of the check run, recording their bodies. */
export function mockUpdateCheckRun(
  scope: nock.Scope,
  bodies: Body[],
  count = 1,
): nock.Scope {
  return scope
    .patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, recordBody(bodies))
    .times(count)
    .reply(200, { id: CHECK_RUN_ID });
}

export interface ListedFile {
  filename: string;
  status: string;
  patch?: string;
  changes?: number;
}

export function mockListFiles(
  scope: nock.Scope,
  pullNumber: number,
  files: readonly ListedFile[],
): nock.Scope {
  return scope
    .get(`${REPO_PATH}/pulls/${pullNumber}/files`)
    .query({ per_page: "100" })
    .reply(
      200,
      files.map((file) => ({
        sha: "0000000000000000000000000000000000000000",
        additions: file.patch?.split("\n+").length ?? 0,
        deletions: 0,
        changes: file.changes ?? file.patch?.split("\n").length ?? 0,
        ...file,
      })),
    );
}

export interface Blob {
  text: string | null;
  byteSize?: number;
  isBinary?: boolean;
  isTruncated?: boolean;
}

/**
 * Mocks one GraphQL blob query. The response lists the blobs under the
 * aliases the query used (`f0`, `f1`, ...). A `null` blob is a
 * path that is not a file at the head commit.
 */
export function mockBlobs(
  scope: nock.Scope,
  bodies: Body[],
  blobs: readonly (Blob | null)[],
): nock.Scope {
  const repository: Record<string, unknown> = {};
  blobs.forEach((blob, index) => {
    repository[`f${index}`] =
      blob === null
        ? null
        : {
            text: blob.text,
            byteSize: blob.byteSize ?? Buffer.byteLength(blob.text ?? ""),
            isBinary: blob.isBinary ?? false,
            isTruncated: blob.isTruncated ?? false,
          };
  });
  return scope
    .post("/graphql", recordBody(bodies))
    .reply(200, { data: { repository } });
}

export const BASE_SHA = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";

/**
 * Mocks reading the pull request `times` times. A run reads it before the
 * analysis and again before publishing, to see whether its head moved.
 */
export function mockGetPull(
  scope: nock.Scope,
  pullNumber: number,
  headSha: string,
  { draft = false, times = 2 }: { draft?: boolean; times?: number } = {},
): nock.Scope {
  return scope
    .get(`${REPO_PATH}/pulls/${pullNumber}`)
    .times(times)
    .reply(200, {
      number: pullNumber,
      state: "open",
      draft,
      head: { sha: headSha, ref: "feature/sessions" },
      base: { sha: BASE_SHA, ref: "main" },
    });
}

export function mockReviewComments(
  scope: nock.Scope,
  pullNumber: number,
  bodies: readonly string[],
): nock.Scope {
  return scope
    .get(`${REPO_PATH}/pulls/${pullNumber}/comments`)
    .query({ per_page: "100" })
    .reply(
      200,
      bodies.map((body, index) => ({ id: 900 + index, body })),
    );
}

export const REVIEW_ID = 77;

/**
 * Mocks listing the reviews, which a run does before it plans comments to
 * find another run's pending review. None by default.
 */
export function mockListReviews(
  scope: nock.Scope,
  pullNumber: number,
  reviews: readonly Body[] = [],
): nock.Scope {
  return scope
    .get(`${REPO_PATH}/pulls/${pullNumber}/reviews`)
    .query({ per_page: "100" })
    .reply(200, reviews);
}

/**
 * Mocks posting a review the way the app does it: looking for another
 * run's pending review, creating its own as pending, reading the review
 * comments again, and submitting it. `bodies` records
 * the create requests and `submits` the submit requests.
 */
export function mockCreateReview(
  scope: nock.Scope,
  pullNumber: number,
  bodies: Body[],
  submits: Body[] = [],
): nock.Scope {
  mockListReviews(scope, pullNumber);
  return mockReviewComments(
    scope
      .post(`${REPO_PATH}/pulls/${pullNumber}/reviews`, recordBody(bodies))
      .reply(200, { id: REVIEW_ID, state: "PENDING" }),
    pullNumber,
    [],
  )
    .post(
      `${REPO_PATH}/pulls/${pullNumber}/reviews/${REVIEW_ID}/events`,
      recordBody(submits),
    )
    .reply(200, { id: REVIEW_ID, state: "COMMENTED" });
}
