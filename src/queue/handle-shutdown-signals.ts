import type { Logger } from "probot";

/** Extra time past the shutdown timeout before the process exits anyway. */
const EXIT_GRACE_MS = 5000;

/**
 * Runs `shutdown` on the first SIGTERM or SIGINT, then exits with 0, or
 * with 1 when it failed. A second signal, or a shutdown that outlasts its
 * timeout, exits at once with 1.
 */
export function handleShutdownSignals(
  log: Logger,
  timeoutMs: number,
  shutdown: () => Promise<void>,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, "Second shutdown signal; exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, timeoutMs }, "Shutting down");
    setTimeout(() => {
      log.error({ timeoutMs }, "Shutdown did not finish in time; exiting");
      process.exit(1);
    }, timeoutMs + EXIT_GRACE_MS).unref();

    shutdown().then(
      () => {
        log.info("Stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "Shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
