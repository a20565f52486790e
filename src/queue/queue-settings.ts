/** Settings of queue mode, read from the environment. */
export interface QueueSettings {
  /** Redis connection URL; queue mode is off when it is unset. */
  redisUrl: string | undefined;
  /** First part of every Redis key the queue writes. */
  prefix: string;
  /** Jobs one worker process runs at once. */
  workerConcurrency: number;
  /** Jobs of one installation that run at once across all workers. */
  installationConcurrency: number;
  /** Runs of a job before it fails for good, the first run included. */
  jobAttempts: number;
  /** Delay before the first retry; each later retry waits twice as long. */
  retryDelayMs: number;
  /**
   * How long a job stays locked to its worker without a lock renewal. A
   * killed worker's job goes back to the queue within about twice this.
   */
  jobLockMs: number;
  /** How long a stopping process waits for its jobs and requests to end. */
  shutdownTimeoutMs: number;
}

const DEFAULT_PREFIX = "structra";

/** Reads the queue settings; throws an error naming the invalid variable. */
export function readQueueSettings(env: NodeJS.ProcessEnv): QueueSettings {
  return {
    redisUrl: readRedisUrl(env.REDIS_URL),
    prefix: readPrefix(env.STRUCTRA_QUEUE_PREFIX),
    workerConcurrency: readCount(env, "STRUCTRA_WORKER_CONCURRENCY", 1),
    installationConcurrency: readCount(
      env,
      "STRUCTRA_INSTALLATION_CONCURRENCY",
      1,
    ),
    jobAttempts: readCount(env, "STRUCTRA_JOB_ATTEMPTS", 1),
    retryDelayMs: readCount(env, "STRUCTRA_RETRY_DELAY_MS", 0),
    jobLockMs: readCount(env, "STRUCTRA_JOB_LOCK_MS", 1000),
    shutdownTimeoutMs: readCount(env, "STRUCTRA_SHUTDOWN_TIMEOUT_MS", 0),
  };
}

type CountVariable =
  | "STRUCTRA_WORKER_CONCURRENCY"
  | "STRUCTRA_INSTALLATION_CONCURRENCY"
  | "STRUCTRA_JOB_ATTEMPTS"
  | "STRUCTRA_RETRY_DELAY_MS"
  | "STRUCTRA_JOB_LOCK_MS"
  | "STRUCTRA_SHUTDOWN_TIMEOUT_MS";

const COUNT_DEFAULTS: Record<CountVariable, number> = {
  STRUCTRA_WORKER_CONCURRENCY: 2,
  STRUCTRA_INSTALLATION_CONCURRENCY: 2,
  STRUCTRA_JOB_ATTEMPTS: 5,
  STRUCTRA_RETRY_DELAY_MS: 10_000,
  // The analysis runs synchronously, so no lock renewal runs during it; the
  // lock must outlast the analysis of a 3,000-file pull request.
  STRUCTRA_JOB_LOCK_MS: 60_000,
  // Kubernetes sends SIGKILL 30 s after SIGTERM by default.
  STRUCTRA_SHUTDOWN_TIMEOUT_MS: 25_000,
};

function readCount(
  env: NodeJS.ProcessEnv,
  name: CountVariable,
  minimum: number,
): number {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return COUNT_DEFAULTS[name];
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new Error(
      `${name} is invalid: expected a whole number of at least ${minimum}, got "${text}". Unset it to use the default, ${COUNT_DEFAULTS[name]}.`,
    );
  }
  return value;
}

function readRedisUrl(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (value === undefined || value === "") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidRedisUrl(value);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw invalidRedisUrl(value);
  }
  return value;
}

function invalidRedisUrl(value: string): Error {
  return new Error(
    `REDIS_URL is invalid: expected redis://[user:password@]host:port[/db] or rediss://... for TLS, got "${redactRedisUrl(value)}". Unset REDIS_URL to run reviews in the app process without a queue.`,
  );
}

/** Key prefixes end up in every key name, so only a safe alphabet is allowed. */
const PREFIX_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

function readPrefix(text: string | undefined): string {
  const value = text?.trim();
  if (value === undefined || value === "") return DEFAULT_PREFIX;
  if (!PREFIX_PATTERN.test(value)) {
    throw new Error(
      `STRUCTRA_QUEUE_PREFIX is invalid: expected 1 to 64 letters, digits, ".", "_" or "-", got "${value}".`,
    );
  }
  return value;
}

/** Returns the URL with its password replaced, for logs and error messages. */
export function redactRedisUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    // An unparsable value may still hold a password, so none of it is shown.
    return "(unparsable URL)";
  }
}
