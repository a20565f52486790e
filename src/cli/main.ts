import { readFileSync } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

import { Command, CommanderError, Option } from "commander";

import { reviewFiles, type ReviewResult } from "../pipeline/review-files.js";
import { formatJson } from "../reporters/json.js";
import { formatSarif } from "../reporters/sarif.js";
import { formatText } from "../reporters/text.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./cli-error.js";
import { collectFiles } from "./collect-files.js";
import { collectReviewInput } from "./collect-review-input.js";
import { findRepositoryRoot } from "./git.js";
import { loadCliConfig } from "./load-cli-config.js";

type OutputFormat = "text" | "json" | "sarif";

interface OutputOptions {
  format: OutputFormat;
  output?: string;
  config?: string;
}

interface ReviewOptions extends OutputOptions {
  base?: string;
  head?: string;
}

/** Streams and working folder of one invocation, so tests can run the CLI in process. */
export interface CliEnvironment {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function readVersion(): string {
  const packageJson = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string })
    .version;
}

function formatReport(
  review: ReviewResult,
  format: OutputFormat,
  version: string,
): string {
  if (format === "json") return formatJson(review);
  if (format === "sarif") {
    const analysis = { ...review.analysis, findings: review.findings };
    return `${JSON.stringify(formatSarif(analysis, { toolVersion: version }), null, 2)}\n`;
  }
  return formatText(review);
}

async function writeReport(
  review: ReviewResult,
  options: OutputOptions,
  environment: CliEnvironment,
  version: string,
): Promise<number> {
  const report = formatReport(review, options.format, version);
  if (options.output) {
    try {
      await writeFile(resolve(environment.cwd, options.output), report);
    } catch (error) {
      throw new CliError(
        `Cannot write the report to ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Pass a file path in an existing folder.`,
      );
    }
  } else {
    environment.stdout(report);
  }
  return review.failing.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Rejects an --output path that cannot be written before any analysis runs. */
async function checkOutputPath(
  output: string | undefined,
  cwd: string,
): Promise<void> {
  if (!output) return;
  const path = resolve(cwd, output);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) {
    throw new CliError(
      `--output ${output} is a folder; pass a file path such as ${output}/structra.sarif.`,
    );
  }
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new CliError(
      `--output ${output}: the folder ${dirname(output) || "."} does not exist; create it first.`,
    );
  }
}

async function runScan(
  paths: string[],
  options: OutputOptions,
  environment: CliEnvironment,
  version: string,
): Promise<number> {
  await checkOutputPath(options.output, environment.cwd);
  const root = (await findRepositoryRoot(environment.cwd)) ?? environment.cwd;
  const config = await loadCliConfig(root, environment.cwd, options.config);
  const files = await collectFiles(
    root,
    paths.length > 0 ? paths : ["."],
    environment.cwd,
  );
  return writeReport(
    reviewFiles({ files, config }),
    options,
    environment,
    version,
  );
}

async function runReview(
  options: ReviewOptions,
  environment: CliEnvironment,
  version: string,
): Promise<number> {
  await checkOutputPath(options.output, environment.cwd);
  const root = await findRepositoryRoot(environment.cwd);
  if (!root) {
    throw new CliError(
      `${environment.cwd} is not inside a git repository; run structra review in a checkout, or use structra scan.`,
    );
  }
  const config = await loadCliConfig(root, environment.cwd, options.config);
  const input = await collectReviewInput(root, {
    base: options.base,
    head: options.head,
  });
  const review = reviewFiles({
    files: input.files,
    changedFiles: input.changedFiles,
    config,
  });
  return writeReport(review, options, environment, version);
}

function addOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["text", "json", "sarif"])
        .default("text"),
    )
    .option(
      "--output <file>",
      "write the report to FILE instead of standard output",
    )
    .option(
      "--config <file>",
      "configuration file (default: .github/structra.yml in the repository)",
    );
}

/**
 * Runs the command line with the given arguments (without `node` and the
 * script) and returns the exit status: 0 when no finding reaches the fail
 * level, 1 when one does, 2 for invalid usage, configuration or input.
 */
export async function runCli(
  argv: readonly string[],
  environment: CliEnvironment,
): Promise<number> {
  const version = readVersion();
  let status = EXIT_OK;
  const program = new Command("structra")
    .description(
      "Review JavaScript and TypeScript servers for F-03: user and session state kept in process memory.",
    )
    .version(version)
    .exitOverride()
    .configureOutput({
      writeOut: environment.stdout,
      writeErr: environment.stderr,
    })
    .showHelpAfterError();

  addOutputOptions(
    program
      .command("scan")
      .description(
        "analyse whole files or folders (default: the current folder)",
      )
      .argument("[paths...]", "files or folders to analyse"),
  ).action(async (paths: string[], options: OutputOptions) => {
    status = await runScan(paths, options, environment, version);
  });

  addOutputOptions(
    program
      .command("review")
      .description(
        "report findings on the lines changed since the merge base, as the GitHub App would",
      )
      .option(
        "--base <ref>",
        "base branch or commit (default: the remote's default branch, else main, else master)",
      )
      .option(
        "--head <ref>",
        "head commit (default: the working tree, untracked files included)",
      ),
  ).action(async (options: ReviewOptions) => {
    status = await runReview(options, environment, version);
  });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; every other parse failure is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof CliError) {
      environment.stderr(`structra: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
