import { readSecondaryRateLimitWait } from "./decide-rate-limit-retry.js";

/**
 * Throws when the environment is unsafe or invalid to serve webhooks
 * from. In production a missing WEBHOOK_SECRET would make Probot fall
 * back to its development secret, so anyone could send forged events.
 */
export function checkStartupEnv(env: NodeJS.ProcessEnv): void {
  readSecondaryRateLimitWait(env);
  if (env.NODE_ENV !== "production") return;
  if (env.WEBHOOK_SECRET === undefined || env.WEBHOOK_SECRET.trim() === "") {
    throw new Error(
      "WEBHOOK_SECRET is missing, and is required when NODE_ENV is production. Set WEBHOOK_SECRET to the webhook secret from the GitHub App's settings.",
    );
  }
}
