import { randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

import { answerGraphql, classifyGraphql, findThread } from "./graphql.js";
import {
  fail,
  type FakeResponse,
  type RouteContext,
  type RouteHandler,
} from "./http-types.js";
import * as pulls from "./pull-routes.js";
import * as repos from "./repo-routes.js";
import {
  computeSha,
  type PullRequest,
  type Repository,
  type ReviewComment,
  type User,
} from "./state.js";
import { verifyAppJwt } from "./verify-app-jwt.js";

/** A fault injected into the responses of one route. */
export interface Fault {
  /** Requests the fault applies to, the next ones first; 1 by default. */
  count?: number;
  /** Respond with this status instead of the route's own response. */
  status?: number;
  /** Message of the error body. */
  message?: string;
  /** Seconds sent in a Retry-After header. */
  retryAfter?: number;
  /** Wait before handling the request. */
  delayMs?: number;
  /** Apply only to requests about this repository (`owner/name`). */
  repository?: string;
  /**
   * Carry the request out, then respond with `status` (502 by default),
   * as when GitHub times out after it made the change.
   */
  applyThenFail?: boolean;
}

/** One request the fake received. */
export interface CallRecord {
  /** Route key, such as `POST /repos/{owner}/{repo}/check-runs`. */
  route: string;
  /** The repository the request is about, when the fake can tell. */
  repository?: string;
  path: string;
  status: number;
  /** The parsed JSON body of a request that had one. */
  body?: Record<string, unknown>;
}

export interface FakeGithubOptions {
  appId: number;
  /** PEM public key matching the app's private key. */
  publicKey: string;
  /**
   * Installation of repositories created without one; by default
   * {@link DEFAULT_INSTALLATION_ID}.
   */
  installationId?: number;
  /** The app's slug; its bot user is `<slug>[bot]`. */
  appSlug: string;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  handler: RouteHandler;
}

/** GitHub's message for a secondary rate limit, which clients look for. */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

const REST_ROUTES: [string, string, RouteHandler][] = [
  ["GET", "/repos/{owner}/{repo}/contents/{path}", repos.getContent],
  ["GET", "/repos/{owner}/{repo}/compare/{basehead}", repos.compare],
  [
    "GET",
    "/repos/{owner}/{repo}/commits/{commit_sha}/pulls",
    repos.listCommitPulls,
  ],
  [
    "GET",
    "/repos/{owner}/{repo}/commits/{ref}/check-runs",
    repos.listCheckRunsForRef,
  ],
  ["POST", "/repos/{owner}/{repo}/check-runs", repos.createCheckRun],
  [
    "PATCH",
    "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    repos.updateCheckRun,
  ],
  ["GET", "/repos/{owner}/{repo}/pulls", pulls.listPulls],
  ["GET", "/repos/{owner}/{repo}/pulls/{pull_number}", pulls.getPull],
  ["GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", pulls.listFiles],
  [
    "GET",
    "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
    pulls.listComments,
  ],
  [
    "GET",
    "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    pulls.listReviews,
  ],
  [
    "POST",
    "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    pulls.createReview,
  ],
  [
    "GET",
    "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}",
    pulls.getReview,
  ],
  [
    "DELETE",
    "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}",
    pulls.deleteReview,
  ],
  [
    "POST",
    "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events",
    pulls.submitReview,
  ],
];

const TOKEN_ROUTE = "POST /app/installations/{installation_id}/access_tokens";

/** The installation of repositories created without one. */
export const DEFAULT_INSTALLATION_ID = 77;

/**
 * An in-memory GitHub for end-to-end tests: repositories with commits and
 * branches, pull requests with reviews, review comments and threads, and
 * check runs, served over REST and GraphQL under GitHub Enterprise's paths
 * (`/api/v3`, `/api/graphql`) on 127.0.0.1. Every request is counted per
 * route, and faults can be injected per route.
 */
export class FakeGithub {
  readonly bot: User;
  private readonly options: FakeGithubOptions;
  private readonly repositories = new Map<string, Repository>();
  /** Repositories of each installation. */
  private readonly installations = new Map<number, Set<string>>();
  private readonly tokens = new Set<string>();
  private readonly faults = new Map<string, Fault[]>();
  /** Requests that a delay fault is waiting on now, by route. */
  private readonly delayed = new Map<string, number>();
  private readonly routes: Route[];
  private readonly records: CallRecord[] = [];
  private server: Server | undefined;
  private lastId = 1000;
  private port = 0;

  constructor(options: FakeGithubOptions) {
    this.options = options;
    this.bot = { login: `${options.appSlug}[bot]`, type: "Bot" };
    this.routes = REST_ROUTES.map(([method, template, handler]) => ({
      method,
      template,
      pattern: compileTemplate(template),
      handler,
    }));
  }

  /** `host:port`, as GHE_HOST expects it. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        // A client that went away, such as a killed app, cannot get the 500.
        if (!response.headersSent && !response.destroyed) {
          response.writeHead(500).end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) =>
      server.listen(0, "127.0.0.1", resolve),
    );
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /**
   * Creates a repository whose default branch has one commit with
   * `files`, in the installation `installationId` (by default the one
   * of the options).
   */
  createRepository(
    fullName: string,
    files: Record<string, string>,
    {
      installationId = this.options.installationId ?? DEFAULT_INSTALLATION_ID,
      defaultBranch = "main",
    }: { installationId?: number; defaultBranch?: string } = {},
  ): Repository {
    const installed = this.installations.get(installationId) ?? new Set();
    this.installations.set(installationId, installed.add(fullName));
    const [owner = "", name = ""] = fullName.split("/");
    const tree = new Map(Object.entries(files));
    const sha = computeSha(undefined, tree);
    const repository: Repository = {
      id: this.nextId(),
      owner,
      name,
      defaultBranch,
      branches: new Map([[defaultBranch, sha]]),
      commits: new Map([[sha, { sha, tree }]]),
      pulls: new Map(),
      checkRuns: [],
    };
    this.repositories.set(fullName, repository);
    return repository;
  }

  repository(fullName: string): Repository {
    const repository = this.repositories.get(fullName);
    if (!repository) throw new Error(`no repository ${fullName}`);
    return repository;
  }

  /**
   * Adds a commit on top of `parent` (a branch, whose tip it moves, or a
   * commit id). `changes` maps paths to new text, or null to delete.
   */
  commit(
    fullName: string,
    parent: string,
    changes: Record<string, string | null>,
  ): string {
    const repository = this.repository(fullName);
    const parentSha = repository.branches.get(parent) ?? parent;
    const parentCommit = repository.commits.get(parentSha);
    if (!parentCommit) throw new Error(`no commit ${parent}`);
    const tree = new Map(parentCommit.tree);
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) tree.delete(path);
      else tree.set(path, text);
    }
    const sha = computeSha(parentSha, tree);
    repository.commits.set(sha, { sha, parent: parentSha, tree });
    if (repository.branches.has(parent)) repository.branches.set(parent, sha);
    return sha;
  }

  /** Opens a pull request from a branch with `changes` on the default branch. */
  openPullRequest(
    fullName: string,
    number: number,
    changes: Record<string, string | null>,
    options: {
      draft?: boolean;
      fork?: boolean;
      omitPatch?: string[];
      listedPatches?: Record<string, string>;
    } = {},
  ): PullRequest {
    const repository = this.repository(fullName);
    const baseSha = repository.branches.get(repository.defaultBranch) as string;
    const headSha = this.commit(fullName, baseSha, changes);
    const pull: PullRequest = {
      number,
      title: `Change ${number}`,
      state: "open",
      draft: options.draft ?? false,
      baseRef: repository.defaultBranch,
      baseSha,
      headRef: `feature/${number}`,
      headSha,
      commits: [headSha],
      fork: options.fork ?? false,
      omitPatch: new Set(options.omitPatch ?? []),
      listedPatches: new Map(Object.entries(options.listedPatches ?? {})),
      reviews: [],
      comments: [],
      resolvedThreads: new Set(),
    };
    repository.pulls.set(number, pull);
    return pull;
  }

  /** Pushes a commit with `changes` to the pull request's head branch. */
  push(
    fullName: string,
    number: number,
    changes: Record<string, string | null>,
  ): string {
    const pull = this.pull(fullName, number);
    const sha = this.commit(fullName, pull.headSha, changes);
    pull.headSha = sha;
    pull.commits.push(sha);
    return sha;
  }

  pull(fullName: string, number: number): PullRequest {
    const pull = this.repository(fullName).pulls.get(number);
    if (!pull) throw new Error(`no pull request ${fullName}#${number}`);
    return pull;
  }

  /** Adds a reply to a review comment by `login`, a person. */
  reply(
    fullName: string,
    number: number,
    commentId: number,
    login: string,
    body: string,
  ): ReviewComment {
    return pulls.addReply(this.pull(fullName, number), commentId, {
      id: this.nextId(),
      user: { login, type: "User" },
      body,
    });
  }

  /**
   * Adds a pending review of the app's bot, as another run holding the
   * pending review, or one that crashed, would leave it.
   */
  addPendingReview(
    fullName: string,
    number: number,
    body: string,
    comments: { path: string; line: number; body: string }[] = [],
  ): number {
    const pull = this.pull(fullName, number);
    const id = this.nextId();
    pull.reviews.push({
      id,
      user: this.bot,
      body,
      state: "PENDING",
      commitId: pull.headSha,
    });
    for (const comment of comments) {
      pull.comments.push({
        ...comment,
        id: this.nextId(),
        reviewId: id,
        user: this.bot,
        commitId: pull.headSha,
        createdAt: new Date().toISOString(),
      });
    }
    return id;
  }

  /** Submits a pending review, as the run holding it would. */
  submitPendingReview(fullName: string, number: number, id: number): void {
    const review = this.pull(fullName, number).reviews.find(
      (entry) => entry.id === id,
    );
    if (review?.state !== "PENDING") throw new Error(`no pending review ${id}`);
    review.state = "COMMENTED";
    review.submittedAt = new Date().toISOString();
  }

  /** Injects a fault into the next requests of a route. */
  inject(route: string, fault: Fault): void {
    const list = this.faults.get(route) ?? [];
    list.push({ count: 1, ...fault });
    this.faults.set(route, list);
  }

  /** Counts the requests to a route that a `delayMs` fault is delaying now. */
  countDelayed(route: string): number {
    return this.delayed.get(route) ?? 0;
  }

  /** Removes the faults not yet applied to a repository's requests. */
  clearFaults(repository: string): void {
    for (const list of this.faults.values()) {
      const kept = list.filter((fault) => fault.repository !== repository);
      list.splice(0, list.length, ...kept);
    }
  }

  /**
   * Requests received, optionally only those about one repository or of
   * one route. A token request is about the repository when it is its
   * installation's only one.
   */
  calls(filter: { repository?: string; route?: string } = {}): CallRecord[] {
    return this.records.filter(
      (record) =>
        (filter.repository === undefined ||
          record.repository === filter.repository) &&
        (filter.route === undefined || record.route === filter.route),
    );
  }

  /** Forgets the requests received so far. */
  resetCalls(): void {
    this.records.length = 0;
  }

  /** Number of requests per route, optionally about one repository. */
  countCalls(repository?: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const record of this.calls(
      repository === undefined ? {} : { repository },
    )) {
      counts[record.route] = (counts[record.route] ?? 0) + 1;
    }
    return counts;
  }

  private nextId(): number {
    return ++this.lastId;
  }

  private async handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? "/", `http://${this.host}`);
    const text = await readBody(request);
    const method = request.method ?? "GET";
    const resolved = this.resolve(method, url.pathname, text);
    const fault = this.takeFault(resolved.route, resolved.repository);

    if (fault?.delayMs) {
      this.delayed.set(resolved.route, this.countDelayed(resolved.route) + 1);
      await sleep(fault.delayMs);
      this.delayed.set(resolved.route, this.countDelayed(resolved.route) - 1);
    }
    let answer: FakeResponse;
    if (fault?.status !== undefined && !fault.applyThenFail) {
      answer = describeFault(fault);
    } else {
      answer = resolved.answer(request, url);
      if (fault?.applyThenFail) {
        answer = describeFault({ status: 502, ...fault });
      }
    }
    this.records.push({
      route: resolved.route,
      ...(resolved.repository === undefined
        ? {}
        : { repository: resolved.repository }),
      path: url.pathname + url.search,
      status: answer.status,
      ...(text.trim() === "" ? {} : { body: parseJson(text) }),
    });
    send(response, answer);
  }

  /** Finds the route of a request and the handler that responds to it. */
  private resolve(
    method: string,
    pathname: string,
    text: string,
  ): {
    route: string;
    repository?: string;
    answer: (request: IncomingMessage, url: URL) => FakeResponse;
  } {
    if (method === "POST" && pathname === "/api/graphql") {
      const body = parseJson(text);
      const query = String(body.query ?? "");
      const operation = classifyGraphql(query) ?? "unknown";
      const variables = (body.variables ?? {}) as Record<string, unknown>;
      const repository = this.findGraphqlRepository(variables);
      return {
        route: `POST /graphql ${operation}`,
        ...(repository === undefined ? {} : { repository }),
        answer: (request) =>
          this.authenticate(request) ??
          answerGraphql(
            {
              query,
              variables: (body.variables ?? {}) as Record<string, unknown>,
            },
            this.repositories,
          ),
      };
    }

    const path = pathname.replace(/^\/api\/v3/, "");
    const tokenMatch = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(
      path,
    );
    if (method === "POST" && tokenMatch) {
      const installed = [
        ...(this.installations.get(Number(tokenMatch[1])) ?? []),
      ];
      const repository = installed.length === 1 ? installed[0] : undefined;
      return {
        route: TOKEN_ROUTE,
        ...(repository === undefined ? {} : { repository }),
        answer: (request) => this.createToken(request, Number(tokenMatch[1])),
      };
    }

    for (const route of this.routes) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (!match) continue;
      return {
        route: `${method} ${route.template}`,
        repository: `${match.groups?.owner}/${match.groups?.repo}`,
        answer: (request, url) =>
          this.authenticate(request) ??
          route.handler(
            this.createContext(request, url, match.groups ?? {}, text),
          ),
      };
    }
    return {
      route: `${method} ${path} (unknown)`,
      answer: () => fail(404, `This fake does not serve ${method} ${path}`),
    };
  }

  /**
   * Tells which repository a GraphQL request is about: the `owner` and
   * `repo` variables, or the repository of the first thread id.
   */
  private findGraphqlRepository(
    variables: Record<string, unknown>,
  ): string | undefined {
    if (typeof variables.owner === "string") {
      return `${variables.owner}/${String(variables.repo)}`;
    }
    for (const value of Object.values(variables)) {
      const found = findThread(String(value), this.repositories);
      if (found) return `${found.repository.owner}/${found.repository.name}`;
    }
    return undefined;
  }

  private createContext(
    request: IncomingMessage,
    url: URL,
    params: Record<string, string>,
    text: string,
  ): RouteContext {
    return {
      params,
      query: url.searchParams,
      body: parseJson(text),
      headers: request.headers,
      user: this.bot,
      apiUrl: `http://${this.host}/api/v3`,
      getRepository: (owner, name) => this.repositories.get(`${owner}/${name}`),
      nextId: () => this.nextId(),
    };
  }

  /** Returns a 401 unless the request carries a token this fake issued. */
  private authenticate(request: IncomingMessage): FakeResponse | undefined {
    const token = /^(?:token|bearer) (\S+)$/i.exec(
      request.headers.authorization ?? "",
    )?.[1];
    if (token !== undefined && this.tokens.has(token)) return undefined;
    return fail(401, "Bad credentials");
  }

  private createToken(
    request: IncomingMessage,
    installationId: number,
  ): FakeResponse {
    const jwt = /^bearer (\S+)$/i.exec(
      request.headers.authorization ?? "",
    )?.[1];
    const invalid =
      jwt === undefined
        ? "missing JSON Web Token"
        : verifyAppJwt(jwt, this.options.publicKey, this.options.appId);
    if (invalid !== undefined) return fail(401, `Bad credentials: ${invalid}`);
    if (!this.installations.has(installationId)) return fail(404, "Not Found");

    const token = `ghs_${randomBytes(18).toString("hex")}`;
    this.tokens.add(token);
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: {
          checks: "write",
          pull_requests: "write",
          contents: "read",
          metadata: "read",
          merge_queues: "read",
        },
        repository_selection: "all",
      },
    };
  }

  private takeFault(
    route: string,
    repository: string | undefined,
  ): Fault | undefined {
    const list = this.faults.get(route) ?? [];
    const index = list.findIndex(
      (fault) =>
        fault.repository === undefined || fault.repository === repository,
    );
    const fault = list[index];
    if (fault === undefined) return undefined;
    fault.count = (fault.count ?? 1) - 1;
    if (fault.count <= 0) list.splice(index, 1);
    return fault;
  }
}

/** Starts a fake GitHub on a free port of 127.0.0.1. */
export async function startFakeGithub(
  options: FakeGithubOptions,
): Promise<FakeGithub> {
  const github = new FakeGithub(options);
  await github.start();
  return github;
}

function compileTemplate(template: string): RegExp {
  const source = template.replace(
    /\{(\w+)\}/g,
    (_, name: string) => `(?<${name}>[^/]+)`,
  );
  return new RegExp(`^${source}$`);
}

function describeFault(fault: Fault): FakeResponse {
  const status = fault.status ?? 502;
  const answer = fail(status, fault.message ?? describeStatus(status));
  if (fault.retryAfter !== undefined) {
    answer.headers = { "retry-after": String(fault.retryAfter) };
  }
  return answer;
}

function describeStatus(status: number): string {
  if (status >= 500) return "Server Error";
  if (status === 429) return "Too Many Requests";
  if (status === 403) return "Forbidden";
  return "Error";
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  return JSON.parse(text) as Record<string, unknown>;
}

function send(response: ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = {
    "x-github-request-id": `FAKE:${randomBytes(4).toString("hex")}`,
    ...answer.headers,
  };
  if (answer.raw !== undefined) {
    response.writeHead(answer.status, {
      ...headers,
      "content-type": answer.contentType ?? "text/plain; charset=utf-8",
    });
    response.end(answer.raw);
    return;
  }
  response.writeHead(answer.status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
  });
  response.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
}
