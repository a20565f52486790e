import { escapeMarkdown } from "../reporters/markdown.js";
import type { CheckOutput } from "./complete-check-run.js";
import { CONFIG_PATH } from "./load-repo-config.js";

/** Builds the check output for a configuration file that failed validation. */
export function describeInvalidConfig(invalid: {
  key: string;
  message: string;
}): CheckOutput {
  return {
    title: `Invalid ${CONFIG_PATH}: ${invalid.key}`,
    summary: `${escapeMarkdown(invalid.message)}\n\nFix the file on the default branch, then select **Re-run** on this check.`,
  };
}
