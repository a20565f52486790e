import { Ajv } from "ajv";
import { parseDocument } from "yaml";

import { allRules } from "../detectors/index.js";
import type { DetectorSetting, Level } from "../types.js";
import { ConfigError, FILE_KEY, type ConfigProblem } from "./config-error.js";
import { describeSchemaError } from "./describe-schema-error.js";
import { buildConfigSchema } from "./schema.js";

export { ConfigError, FILE_KEY, type ConfigProblem } from "./config-error.js";

export interface StructraConfig {
  /** Globs relative to the repository root; a path must match an include and no exclude. */
  paths: { include: string[]; exclude: string[] };
  /** Level or `off` by detector id (without `F-03/`); absent ids keep their default level. */
  detectors: Record<string, DetectorSetting>;
  /** Findings at or above this level fail the check. */
  failOn: Level;
  /** Whether to post inline review comments, and at most how many per run. */
  comments: { inline: boolean; max: number };
}

export const DEFAULT_CONFIG: StructraConfig = deepFreeze(createDefaultConfig());

/** The parts of the file a user may write; validated before it is read. */
interface ConfigFile {
  paths?: { include?: string[] | null; exclude?: string[] | null } | null;
  detectors?: Record<string, DetectorSetting> | null;
  failOn?: Level;
  comments?: { inline?: boolean; max?: number } | null;
}

// Compiled once: the detector list is fixed when the module loads.
const validateConfigFile = new Ajv({
  allErrors: true,
  verbose: true,
}).compile<ConfigFile>(buildConfigSchema(allRules.map((rule) => rule.id)));

/**
 * Validates a parsed configuration object and merges it over the
 * defaults. `null` or `undefined` (no file, or an empty one) gives the
 * defaults. A top-level `_extends`, which Probot's config loader
 * resolves, is ignored.
 *
 * @throws ConfigError naming each invalid key and the allowed values.
 */
export function parseConfig(raw: unknown, source: string): StructraConfig {
  if (raw === null || raw === undefined) return createDefaultConfig();

  if (!validateConfigFile(raw)) {
    const problems = collectProblems(validateConfigFile.errors ?? [], raw);
    throw new ConfigError(source, problems);
  }
  return mergeWithDefaults(raw);
}

/**
 * Parses YAML text and then validates it like {@link parseConfig}.
 *
 * @throws ConfigError with key `(file)` when the text is not valid YAML.
 */
export function parseConfigText(
  yamlText: string,
  source: string,
): StructraConfig {
  const document = parseDocument(yamlText);
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const reason = syntaxError.message.split("\n")[0]?.replace(/:$/, "");
    throw new ConfigError(source, [
      { key: FILE_KEY, message: `the file is not valid YAML: ${reason}` },
    ]);
  }

  let raw: unknown;
  try {
    raw = document.toJS();
  } catch (error) {
    // toJS throws on an unresolved alias or on too many alias expansions.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(source, [
      { key: FILE_KEY, message: `the file is not valid YAML: ${reason}` },
    ]);
  }
  return parseConfig(raw, source);
}

function createDefaultConfig(): StructraConfig {
  return {
    paths: { include: ["**/*"], exclude: [] },
    detectors: {},
    failOn: "error",
    comments: { inline: true, max: 30 },
  };
}

function mergeWithDefaults(file: ConfigFile): StructraConfig {
  const defaults = createDefaultConfig();
  return {
    paths: {
      include: normalizeGlobs(file.paths?.include) ?? defaults.paths.include,
      exclude: normalizeGlobs(file.paths?.exclude) ?? defaults.paths.exclude,
    },
    detectors: { ...file.detectors },
    failOn: file.failOn ?? defaults.failOn,
    comments: {
      inline: file.comments?.inline ?? defaults.comments.inline,
      max: file.comments?.max ?? defaults.comments.max,
    },
  };
}

/** Drops a leading `./`, which paths relative to the root never carry. */
function normalizeGlobs(
  globs: string[] | null | undefined,
): string[] | undefined {
  return globs?.map((glob) => glob.replace(/^(?:\.\/)+/, ""));
}

/** Keeps the first problem per key: one invalid value can fail several keywords. */
function collectProblems(
  errors: Parameters<typeof describeSchemaError>[0][],
  raw: unknown,
): [ConfigProblem, ...ConfigProblem[]] {
  const byKey = new Map<string, ConfigProblem>();
  for (const error of errors) {
    const problem = describeSchemaError(error, raw);
    if (!byKey.has(problem.key)) byKey.set(problem.key, problem);
  }

  const [first, ...rest] = byKey.values();
  if (!first) {
    return [{ key: FILE_KEY, message: "the file does not match the schema" }];
  }
  return [first, ...rest];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
