import type { Logger, ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import { completeCheckRun, type CheckRunTarget } from "./complete-check-run.js";
import { describeInvalidConfig } from "./describe-invalid-config.js";
import { CONFIG_PATH, loadRepoConfig } from "./load-repo-config.js";
import type { RunProgress } from "./run-progress.js";

/**
 * Loads the repository's configuration from its default branch. An
 * invalid file completes the check run as failure with a message naming
 * the key, and the caller gets undefined and publishes nothing else.
 */
export async function loadConfigOrFail(
  octokit: ProbotOctokit,
  log: Logger,
  repository: { owner: string; repo: string },
  target: CheckRunTarget,
  progress: RunProgress,
): Promise<StructraConfig | undefined> {
  progress.step = `loading ${CONFIG_PATH}`;
  const loaded = await loadRepoConfig(
    octokit,
    repository.owner,
    repository.repo,
  );
  if (loaded.ok) return loaded.config;

  log.warn({ key: loaded.key }, "Invalid configuration");
  progress.step = "completing the check run";
  await completeCheckRun(
    octokit,
    target,
    "failure",
    describeInvalidConfig(loaded),
  );
  return undefined;
}
