/**
 * Benchmarks the analysis engine against the bare TypeScript parse of the
 * same files, on the JavaScript and TypeScript sources in node_modules.
 *
 * Usage: npm run bench [-- --files N] [-- --runs N] [-- --with-ts-morph]
 * Prints the engine's time as a ratio to the bare parse, how many files it
 * analysed a second time with their neighbours, and its peak resident
 * memory, which is measured in a child process.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { Project, ts } from "ts-morph";

import { analyze } from "../src/engine/analyze.js";
import { classifyByPath, isAnalyzablePath } from "../src/engine/file-kind.js";
import type { SourceInput } from "../src/types.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const modulesRoot = join(root, "node_modules");
const MIN_BYTES = 500;
const MAX_BYTES = 300_000;

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0
    ? value
    : fallback;
}

/** Lists source files under node_modules in a stable order, as the engine would accept them. */
function collectCorpus(limit: number): SourceInput[] {
  const files: SourceInput[] = [];
  const visit = (folder: string): void => {
    if (files.length >= limit) return;
    for (const entry of readdirSync(folder).sort()) {
      if (files.length >= limit) return;
      const path = join(folder, entry);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (!stats) continue;
      if (stats.isDirectory()) {
        visit(path);
        continue;
      }
      if (
        stats.size < MIN_BYTES ||
        stats.size > MAX_BYTES ||
        /\.min\.js$/.test(entry)
      )
        continue;
      const relativePath = relative(modulesRoot, path).split("\\").join("/");
      if (!isAnalyzablePath(relativePath)) continue;
      const text = readFileSync(path, "utf8");
      if (classifyByPath(relativePath, text).kind !== "server") continue;
      files.push({ path: relativePath, text });
    }
  };
  visit(modulesRoot);
  return files;
}

function getScriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JSX;
}

/**
 * Parses every file with `ts.createSourceFile` and its defaults. With
 * `skipJsDoc`, it skips JSDoc as the engine does.
 */
function parseAll(files: readonly SourceInput[], skipJsDoc = false): number {
  let statements = 0;
  for (const file of files) {
    const sourceFile = ts.createSourceFile(
      file.path,
      file.text,
      {
        languageVersion: ts.ScriptTarget.Latest,
        jsDocParsingMode: skipJsDoc
          ? ts.JSDocParsingMode.ParseNone
          : ts.JSDocParsingMode.ParseAll,
      },
      true,
      getScriptKind(file.path),
    );
    statements += sourceFile.statements.length;
  }
  return statements;
}

/** Parses through a ts-morph Project and walks every node through its wrappers, for comparison. */
function walkWithTsMorph(files: readonly SourceInput[]): number {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { allowJs: true, noResolve: true },
  });
  let nodes = 0;
  for (const file of files) {
    const sourceFile = project.createSourceFile(`/${file.path}`, file.text, {
      overwrite: true,
    });
    sourceFile.forEachDescendant(() => {
      nodes++;
    });
    project.removeSourceFile(sourceFile);
  }
  return nodes;
}

/**
 * Times a task in CPU milliseconds of this process (user and system, all
 * threads), which other processes on a shared machine disturb far less
 * than wall-clock time.
 */
function timeRuns(runs: number, task: () => unknown): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.cpuUsage();
    task();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return times;
}

/** Runs only the engine over the corpus and prints its peak resident memory in MiB. */
function runMemoryChild(limit: number): void {
  const files = collectCorpus(limit);
  const result = analyze(files);
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      files: files.length,
      findings: result.findings.length,
      peakMiB,
    }),
  );
}

interface EngineTiming {
  parseMs: number;
  parseWithoutJsDocMs: number;
  engineMs: number;
  analyzed: number;
  relinked: number;
  findings: number;
  errors: number;
}

/**
 * Times the bare parse and the engine over the corpus, alternating between
 * them so that load from other processes on a shared machine skews both
 * alike, and keeps the fastest run of each.
 */
function measureEngine(
  files: readonly SourceInput[],
  runs: number,
): EngineTiming {
  // Warm up both paths so the JIT has compiled them before timing.
  parseAll(files.slice(0, 300));
  analyze(files.slice(0, 300));

  const parseTimes: number[] = [];
  const noJsDocTimes: number[] = [];
  const engineTimes: number[] = [];
  let analyzed = 0;
  let relinked = 0;
  let findings = 0;
  let errors = 0;
  for (let run = 0; run < runs; run++) {
    parseTimes.push(...timeRuns(1, () => parseAll(files)));
    noJsDocTimes.push(...timeRuns(1, () => parseAll(files, true)));
    engineTimes.push(
      ...timeRuns(1, () => {
        const result = analyze(files, {
          onRelink: (count) => {
            relinked = count;
          },
        });
        analyzed = result.filesAnalyzed;
        findings = result.findings.length;
        errors = result.errors.length;
      }),
    );
  }
  return {
    parseMs: Math.min(...parseTimes),
    parseWithoutJsDocMs: Math.min(...noJsDocTimes),
    engineMs: Math.min(...engineTimes),
    analyzed,
    relinked,
    findings,
    errors,
  };
}

/** Runs this script again on the first `limit` files with extra options and returns the JSON its last line prints. */
function runChild<T>(limit: number, options: readonly string[]): T {
  const output = execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...options,
      "--files",
      String(limit),
    ],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  return JSON.parse(output.trim().split("\n").pop()!) as T;
}

function main(): void {
  const limit = readOption("--files", 4000);
  const runs = readOption("--runs", 5);
  if (process.argv.includes("--memory-child")) {
    runMemoryChild(limit);
    return;
  }

  const files = collectCorpus(limit);
  const bytes = files.reduce(
    (sum, file) => sum + Buffer.byteLength(file.text),
    0,
  );
  console.log(
    `Corpus: ${files.length} files, ${(bytes / 1048576).toFixed(1)} MiB from node_modules`,
  );

  const timing = measureEngine(files, runs);
  const parseMs = timing.parseMs;
  console.log(
    `Bare parse (ts.createSourceFile): ${parseMs.toFixed(0)} ms (fastest of ${runs})`,
  );
  console.log(
    `Engine (analyze, all detectors):  ${timing.engineMs.toFixed(0)} ms (fastest of ${runs}); ${timing.analyzed} files analysed, ${timing.findings} findings, ${timing.errors} files with errors`,
  );
  console.log(
    `Ratio engine / parse: ${(timing.engineMs / parseMs).toFixed(2)}x (target at most 1.5x)`,
  );

  // The engine skips JSDoc, which no detector reads, and this ratio leaves
  // that saving out.
  console.log(
    `Bare parse without JSDoc: ${timing.parseWithoutJsDocMs.toFixed(0)} ms, ratio engine / that parse: ${(timing.engineMs / timing.parseWithoutJsDocMs).toFixed(2)}x`,
  );
  console.log(
    `Files analysed again with their neighbours, for links the first pass could not settle: ${timing.relinked} of ${timing.analyzed}`,
  );

  if (process.argv.includes("--with-ts-morph")) {
    const wrapperMs = Math.min(...timeRuns(1, () => walkWithTsMorph(files)));
    console.log(
      `ts-morph Project with a wrapper walk: ${wrapperMs.toFixed(0)} ms, ratio ${(wrapperMs / parseMs).toFixed(2)}x`,
    );
  }

  const memory = runChild<{ peakMiB: number }>(limit, ["--memory-child"]);
  console.log(
    `Peak resident memory of one engine run: ${memory.peakMiB.toFixed(0)} MiB`,
  );
}

main();
