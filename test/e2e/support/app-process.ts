import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { MAIN } from "./ensure-built.js";

/** A JSON log line of the app. */
export interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** pino's numeric levels. */
export const LOG_LEVEL = { debug: 20, info: 30, warn: 40, error: 50 };

export interface AppOptions {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  /** `host:port` of the fake GitHub. */
  githubHost: string;
  /** More environment variables. */
  env?: Record<string, string>;
}

/** Maximum wait for the app to accept requests on its port. */
const START_TIMEOUT_MS = 30_000;

/**
 * The real app, `node dist/github/main.js`, running as a child process on
 * a free port of 127.0.0.1, talking to the fake GitHub through Probot's
 * GitHub Enterprise settings. Its JSON log lines are collected.
 */
export class AppProcess {
  readonly port: number;
  readonly output: string[] = [];
  private readonly child: ChildProcess;
  private readonly directory: string;
  private exited: Promise<number | null>;

  private constructor(port: number, child: ChildProcess, directory: string) {
    this.port = port;
    this.child = child;
    this.directory = directory;
    this.exited = new Promise((resolve) => child.once("exit", resolve));
    let pending = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      this.output.push(...lines.filter((line) => line.trim() !== ""));
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.output.push(chunk);
    });
  }

  static async start(options: AppOptions): Promise<AppProcess> {
    const port = await findFreePort();
    // An empty working directory, so no `.env` of the checkout is read.
    const directory = mkdtempSync(join(tmpdir(), "structra-e2e-app-"));
    const child = spawn(process.execPath, [MAIN], {
      cwd: directory,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        LOG_FORMAT: "json",
        LOG_LEVEL: "info",
        APP_ID: String(options.appId),
        PRIVATE_KEY: options.privateKey,
        WEBHOOK_SECRET: options.webhookSecret,
        GHE_HOST: options.githubHost,
        GHE_PROTOCOL: "http",
        HOST: "127.0.0.1",
        PORT: String(port),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const app = new AppProcess(port, child, directory);
    await app.waitUntilListening();
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The app's log lines that are JSON. */
  get logs(): LogRecord[] {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as LogRecord];
      } catch {
        return [];
      }
    });
  }

  /** Everything the process wrote, for checks that nothing leaked. */
  get text(): string {
    return this.output.join("\n");
  }

  /** Waits until `count` log records match, and returns them. */
  async waitForLogs(
    matches: (record: LogRecord) => boolean,
    count = 1,
    timeoutMs = 60_000,
  ): Promise<LogRecord[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.filter(matches);
      if (found.length >= count) return found;
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(
          `expected ${count} matching log records, found ${found.length}; app output:\n${this.text.slice(-6000)}`,
        );
      }
      await sleep(50);
    }
  }

  /** Stops the process: SIGTERM, or SIGKILL to simulate a crash. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.directory, { recursive: true, force: true });
  }

  private async waitUntilListening(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      try {
        const response = await fetch(`${this.url}/ping`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    await this.stop("SIGKILL");
    throw new Error(`the app did not start; output:\n${this.text}`);
  }
}

/** Finds a free port on 127.0.0.1 by binding port 0 and releasing it. */
async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") {
    throw new Error("could not find a free port");
  }
  return address.port;
}
