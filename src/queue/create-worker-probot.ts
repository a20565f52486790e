import { createProbot, type Probot } from "probot";

import { createOctokitClass } from "../github/create-octokit.js";

/**
 * Creates the worker's Probot instance from the same variables as the app
 * server's, with an error naming APP_ID or PRIVATE_KEY when one is missing.
 */
export async function createWorkerProbot(
  env: NodeJS.ProcessEnv,
): Promise<Probot> {
  let probot: Probot;
  try {
    probot = createProbot({
      // Probot would also cluster its request throttling through
      // REDIS_URL, and every GitHub request would then wait while Redis
      // is down.
      env: { LOG_LEVEL: "info", ...env, REDIS_URL: "" },
      overrides: { Octokit: createOctokitClass() },
    });
  } catch (error) {
    throw describeCredentialError(error);
  }
  // Probot creates its logger and Octokit class asynchronously.
  return probot.ready();
}

/** Rewords Probot's errors about missing credentials to name the variables. */
function describeCredentialError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : "";
  if (message.startsWith("appId")) {
    return new Error(
      "APP_ID is missing, and worker mode needs it to request installation tokens. Set APP_ID to the GitHub App's id, as for the app server.",
    );
  }
  if (message.startsWith("privateKey")) {
    return new Error(
      "PRIVATE_KEY is missing, and worker mode needs it to request installation tokens. Set PRIVATE_KEY, or PRIVATE_KEY_PATH to the key file, as for the app server.",
    );
  }
  return error;
}
