import type { ProbotOctokit } from "probot";

import {
  ConfigError,
  FILE_KEY,
  parseConfig,
  type StructraConfig,
} from "../config/config.js";

export const CONFIG_PATH = ".github/structra.yml";

/** Prefix of the errors Probot's config plugin throws for unusable files. */
const CONFIG_PLUGIN_ERROR = "[@probot/octokit-plugin-config]";

export type ConfigLoadResult =
  | { ok: true; config: StructraConfig }
  | { ok: false; key: string; message: string };

type ConfigLayer = Record<string, unknown>;
type LoadedConfig = Awaited<ReturnType<ProbotOctokit["config"]["get"]>>;
type ConfigFile = LoadedConfig["files"][number];

/**
 * Loads `.github/structra.yml` from the default branch through Probot's
 * config plugin, which falls back to the organisation's `.github`
 * repository and follows `_extends`. An invalid file comes back as a
 * result naming the key, and a failed request throws.
 */
export async function loadRepoConfig(
  octokit: ProbotOctokit,
  owner: string,
  repo: string,
): Promise<ConfigLoadResult> {
  let loaded: LoadedConfig;
  try {
    loaded = await octokit.config.get({
      owner,
      repo,
      path: CONFIG_PATH,
      defaults: mergeConfigLayers,
    });
  } catch (error) {
    if (
      error instanceof Error &&
      error.message.startsWith(CONFIG_PLUGIN_ERROR)
    ) {
      return { ok: false, key: FILE_KEY, message: describePluginError(error) };
    }
    throw error;
  }

  const source = describeSource(loaded.files);
  try {
    return { ok: true, config: parseConfig(loaded.config, source) };
  } catch (error) {
    if (error instanceof ConfigError) {
      return { ok: false, key: error.key, message: error.message };
    }
    throw error;
  }
}

/**
 * Merges the loaded files one level deep, the extended base first, so a
 * repository that sets one detector keeps the levels its organisation set
 * for the others. A layer that is not a mapping is passed on as is, so
 * validation reports it.
 */
function mergeConfigLayers(layers: ConfigLayer[]): ConfigLayer {
  let merged: ConfigLayer = {};
  for (const layer of layers) {
    if (!isMapping(layer)) return layer;
    const next: ConfigLayer = { ...merged };
    for (const [key, value] of Object.entries(layer)) {
      const previous = merged[key];
      next[key] =
        isMapping(previous) && isMapping(value)
          ? { ...previous, ...value }
          : value;
    }
    merged = next;
  }
  return merged;
}

/** Names the files read, such as `acme/shop:.github/structra.yml (extends acme/.github:.github/structra.yml)`. */
function describeSource(files: readonly ConfigFile[]): string {
  const [first, ...bases] = files
    .filter((file) => file.config !== null)
    .map((file) => `${file.owner}/${file.repo}:${file.path}`);
  if (first === undefined) return CONFIG_PATH;
  return bases.length === 0 ? first : `${first} (extends ${bases.join(", ")})`;
}

function isMapping(value: unknown): value is ConfigLayer {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describePluginError(error: Error): string {
  const message = error.message.slice(CONFIG_PLUGIN_ERROR.length).trim();
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${message}${cause}`;
}
