import { generateKeyPairSync, randomBytes } from "node:crypto";

import {
  DEFAULT_INSTALLATION_ID,
  startFakeGithub,
  type Fault,
  type FakeGithub,
} from "../fake-github/fake-github.js";
import type { CheckRun, PullRequest } from "../fake-github/state.js";
import { AppProcess, type LogRecord } from "./app-process.js";
import { ensureBuilt } from "./ensure-built.js";
import {
  buildPullRequestEvent,
  sendWebhook,
  type Delivery,
} from "./webhooks.js";

/**
 * Time per end-to-end test. A run takes seconds, but retry backoff, write
 * pacing and a busy CI machine add up.
 */
export const E2E_TIMEOUT_MS = 90_000;

export const APP_ID = 4242;

/** The installation of repositories created without a scenario. */
export const INSTALLATION_ID = DEFAULT_INSTALLATION_ID;

/** The log message of the one info line per pull request run. */
export const RUN_FINISHED = "Pull request review finished";

/**
 * A fake GitHub and the real app wired to it, with a key pair and a
 * webhook secret of their own.
 */
export class E2eEnvironment {
  readonly github: FakeGithub;
  readonly privateKey: string;
  readonly webhookSecret: string;
  private readonly apps: AppProcess[] = [];
  private lastInstallationId = 100;

  private constructor(
    github: FakeGithub,
    privateKey: string,
    webhookSecret: string,
  ) {
    this.github = github;
    this.privateKey = privateKey;
    this.webhookSecret = webhookSecret;
  }

  static async start(): Promise<E2eEnvironment> {
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
    return new E2eEnvironment(
      github,
      privateKey,
      randomBytes(20).toString("hex"),
    );
  }

  /** Starts an app process, or one more replica, against the same fake. */
  async startApp(env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await AppProcess.start({
      appId: APP_ID,
      privateKey: this.privateKey,
      webhookSecret: this.webhookSecret,
      githubHost: this.github.host,
      // One second instead of GitHub's minute before retrying a secondary
      // rate limit without Retry-After.
      env: { SECONDARY_RATE_LIMIT_WAIT_SECONDS: "1", ...env },
    });
    this.apps.push(app);
    return app;
  }

  /**
   * Creates a repository with an installation of its own. Probot spaces
   * an installation's write requests a second apart, so scenarios in
   * repositories of their own can run at the same time.
   */
  createScenario(
    app: AppProcess,
    name: string,
    files: Record<string, string> = { "README.md": "# Shop\n" },
  ): Scenario {
    const installationId = ++this.lastInstallationId;
    const fullName = `acme/${name}`;
    this.github.createRepository(fullName, files, { installationId });
    return new Scenario(this, app, fullName, installationId);
  }

  /** Sends a webhook to an app, signed with the app's secret. */
  async deliver(app: AppProcess, delivery: Delivery) {
    return sendWebhook(app.url, delivery, { secret: this.webhookSecret });
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
    await this.github.stop();
  }
}

/** One repository of the fake GitHub and the app that reviews it. */
export class Scenario {
  readonly env: E2eEnvironment;
  readonly app: AppProcess;
  readonly repo: string;
  readonly installationId: number;

  constructor(
    env: E2eEnvironment,
    app: AppProcess,
    repo: string,
    installationId: number,
  ) {
    this.env = env;
    this.app = app;
    this.repo = repo;
    this.installationId = installationId;
  }

  get github(): FakeGithub {
    return this.env.github;
  }

  openPullRequest(
    number: number,
    changes: Record<string, string | null>,
    options?: Parameters<FakeGithub["openPullRequest"]>[3],
  ): PullRequest {
    return this.github.openPullRequest(this.repo, number, changes, options);
  }

  pull(number: number): PullRequest {
    return this.github.pull(this.repo, number);
  }

  event(number: number, action = "opened"): Delivery {
    return buildPullRequestEvent(
      this.github,
      this.repo,
      number,
      action,
      this.installationId,
    );
  }

  async deliver(delivery: Delivery, app = this.app) {
    return this.env.deliver(app, delivery);
  }

  /** Delivers `pull_request.<action>` and waits for the run to finish. */
  async review(number: number, action = "opened"): Promise<LogRecord> {
    const sha = this.pull(number).headSha;
    const before = this.findRuns(sha).length;
    await this.deliver(this.event(number, action));
    const runs = await this.waitForRuns(sha, before + 1);
    return runs[before] as LogRecord;
  }

  /** Waits until `count` runs of the commit have finished; returns their log lines. */
  async waitForRuns(
    sha: string,
    count = 1,
    app = this.app,
    message = RUN_FINISHED,
  ): Promise<LogRecord[]> {
    return app.waitForLogs(
      (record) => record.msg === message && record.sha === sha,
      count,
    );
  }

  inject(route: string, fault: Fault): void {
    this.github.inject(route, { ...fault, repository: this.repo });
  }

  calls(route?: string) {
    return this.github.calls({
      repository: this.repo,
      ...(route === undefined ? {} : { route }),
    });
  }

  statuses(route: string): number[] {
    return this.calls(route).map((call) => call.status);
  }

  checkRuns(sha: string): CheckRun[] {
    return this.github
      .repository(this.repo)
      .checkRuns.filter((run) => run.headSha === sha);
  }

  private findRuns(sha: string): LogRecord[] {
    return this.app.logs.filter(
      (record) => record.msg === RUN_FINISHED && record.sha === sha,
    );
  }
}
