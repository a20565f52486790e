import { run, type Logger } from "probot";

import { registerHandlers } from "../github/app.js";
import { createOctokitClass } from "../github/create-octokit.js";
import { createHealthHandler } from "./health-handler.js";
import { handleShutdownSignals } from "./handle-shutdown-signals.js";
import { createInProcessDispatcher } from "./in-process-dispatcher.js";
import { createQueueDispatcher } from "./queue-dispatcher.js";
import { readQueueSettings } from "./queue-settings.js";
import type { ReviewDispatcher } from "./review-dispatcher.js";

/** Dispatcher and logger of the loaded app, for the shutdown handler. */
interface LoadedApp {
  dispatcher: ReviewDispatcher;
  log: Logger;
}

/**
 * Starts Probot's server with Structra's webhook handlers and the health
 * endpoints `/healthz` and `/readyz`. With REDIS_URL set, reviews go to
 * the queue; without it they run in this process. On SIGTERM or SIGINT
 * the server stops taking requests and waits for reviews under way.
 */
export async function startAppServer(env: NodeJS.ProcessEnv): Promise<void> {
  const settings = readQueueSettings(env);
  const { redisUrl } = settings;
  let loaded: LoadedApp | undefined;
  let stopping = false;

  const signalListeners = new Set(process.listeners("SIGINT"));
  const server = await run(
    (probot, options) => {
      const log = probot.log.child({ name: "structra" });
      const dispatcher =
        redisUrl === undefined
          ? createInProcessDispatcher()
          : createQueueDispatcher(redisUrl, settings, log);
      options.addHandler(
        createHealthHandler(async () =>
          stopping ? "shutting down" : dispatcher.checkReadiness(),
        ),
      );
      registerHandlers(probot, dispatcher);
      loaded = { dispatcher, log };
      log.info(
        { mode: redisUrl === undefined ? "in-process" : "queue" },
        redisUrl === undefined
          ? "Reviews run in this process; set REDIS_URL to queue them for workers"
          : "Reviews are queued in Redis for the workers",
      );
    },
    {
      // Probot would also cluster its request throttling through REDIS_URL,
      // and every GitHub request would then wait while Redis is down.
      env: { ...env, REDIS_URL: "" },
      Octokit: createOctokitClass(),
    },
  );
  // Probot's own SIGINT listener exits as soon as the server closes, which
  // would cut short the reviews that the shutdown below waits for.
  for (const listener of process.listeners("SIGINT")) {
    if (!signalListeners.has(listener)) process.off("SIGINT", listener);
  }

  // In Probot's setup mode, before the app is registered, nothing is loaded.
  if (loaded === undefined) return;
  const { dispatcher, log } = loaded;
  handleShutdownSignals(log, settings.shutdownTimeoutMs, async () => {
    stopping = true;
    await Promise.all([
      server.stop(),
      dispatcher.close(settings.shutdownTimeoutMs),
    ]);
  });
}
