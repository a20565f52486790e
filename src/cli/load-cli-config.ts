import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

import {
  ConfigError,
  DEFAULT_CONFIG,
  parseConfigText,
  type StructraConfig,
} from "../config/config.js";
import { CliError } from "./cli-error.js";

/** The repository configuration file the app reads from the default branch. */
export const CONFIG_PATH = ".github/structra.yml";

/**
 * Loads `--config FILE`, or the repository's `.github/structra.yml` when
 * present, or the defaults. An unreadable or invalid file is an input error.
 */
export async function loadCliConfig(
  root: string,
  cwd: string,
  configOption: string | undefined,
): Promise<StructraConfig> {
  const path = configOption
    ? resolve(cwd, configOption)
    : join(root, CONFIG_PATH);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!configOption && (error as NodeJS.ErrnoException).code === "ENOENT")
      return DEFAULT_CONFIG;
    throw new CliError(
      `Cannot read the configuration file ${configOption ?? path}: ${(error as Error).message}`,
    );
  }
  try {
    return parseConfigText(text, configOption ?? CONFIG_PATH);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
