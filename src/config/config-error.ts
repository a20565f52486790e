/** Key of a problem with the whole file, such as a YAML syntax error. */
export const FILE_KEY = "(file)";

/** One invalid setting: the key as written in the file, and what to do. */
export interface ConfigProblem {
  /** Dotted key such as `detectors.memory-cache`, or `(file)`. */
  key: string;
  /** Sentence naming the key, the invalid value and the allowed values. */
  message: string;
}

/**
 * An invalid configuration file. The message has one line per problem,
 * each prefixed with the file name; `key` is the first problem's key.
 */
export class ConfigError extends Error {
  readonly key: string;
  readonly source: string;
  readonly problems: readonly ConfigProblem[];

  constructor(
    source: string,
    problems: readonly [ConfigProblem, ...ConfigProblem[]],
  ) {
    super(
      problems.map((problem) => `${source}: ${problem.message}`).join("\n"),
    );
    this.name = "ConfigError";
    this.key = problems[0].key;
    this.source = source;
    this.problems = problems;
  }
}
