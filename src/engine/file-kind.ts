import type { WalkResult } from "./facts/walk-file.js";

/** The role of a file, which decides whether server rules apply to it. */
export type FileKind = "server" | "test" | "browser" | "cli" | "config";

export interface FileClassification {
  kind: FileKind;
  /** The reason the file is not server code, shown in the summary. */
  reason?: string;
}

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

const TEST_PATH =
  /(^|\/)(__tests__|__mocks__|tests?|e2e|fixtures?|spec|cypress|playwright)\/|\.(test|spec|e2e|stories)\.[cm]?[jt]sx?$|(^|\/)test\.[cm]?[jt]sx?$/;
const CONFIG_PATH =
  /(^|\/)(next|vite|vitest|webpack|rollup|jest|playwright|cypress|babel|eslint|prettier|tailwind|postcss|svelte|nuxt|astro|tsup|esbuild|metro)\.config\.[cm]?[jt]s$|(^|\/)(jest|vitest)\.setup\.[cm]?[jt]s$|(^|\/)\.eslintrc\.[cm]?js$/;
const CLI_PATH = /(^|\/)(bin|scripts|migrations|seeds|seeders)\//;
const BROWSER_PATH =
  /(^|\/)(components|public|static|client|frontend)\/|(^|\/)service-?worker\.[cm]?[jt]s$|(^|\/)sw\.[cm]?js$/;

const BROWSER_MODULES = new Set([
  "react-dom",
  "react-dom/client",
  "vue",
  "svelte",
  "@angular/core",
  "solid-js",
  "preact",
]);
/** Test runners and HTTP test clients: a file importing one is a test, wherever it lives. */
const TEST_MODULES = new Set([
  "supertest",
  "mocha",
  "chai",
  "vitest",
  "@jest/globals",
  "node:test",
  "ava",
  "tap",
  "@playwright/test",
]);
const CLI_MODULES = new Set([
  "commander",
  "yargs",
  "inquirer",
  "meow",
  "cac",
  "@inquirer/prompts",
]);
const SERVER_HINT =
  /\.listen\(|createServer\(|express\(\)|fastify\(|new Koa\(|Hapi\.server\(|@nestjs\/|export\s+(const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE|handler)\b/;

/** True for files the engine parses: JavaScript and TypeScript sources except declaration files. */
export function isAnalyzablePath(path: string): boolean {
  return SOURCE_EXTENSION.test(path) && !DECLARATION_FILE.test(path);
}

/** Classifies a file by its path and first line, before parsing. */
export function classifyByPath(path: string, text: string): FileClassification {
  if (TEST_PATH.test(path))
    return { kind: "test", reason: "test or fixture file" };
  if (CONFIG_PATH.test(path))
    return { kind: "config", reason: "build or tool configuration" };
  if (text.startsWith("#!"))
    return { kind: "cli", reason: "command-line script (shebang)" };
  if (CLI_PATH.test(path))
    return { kind: "cli", reason: "script, migration or seed folder" };
  if (BROWSER_PATH.test(path) && !SERVER_HINT.test(text)) {
    return { kind: "browser", reason: "browser code folder" };
  }
  return { kind: "server" };
}

/** Refines the classification with what the parse found: directives and imports. */
export function classifyByContent(
  walk: WalkResult,
  text: string,
): FileClassification {
  if (walk.directives.has("use client"))
    return { kind: "browser", reason: "'use client' module" };
  const modules = new Set(walk.imports.map((binding) => binding.module));
  for (const module of modules) {
    if (BROWSER_MODULES.has(module))
      return { kind: "browser", reason: `imports ${module}` };
  }
  for (const module of modules) {
    if (TEST_MODULES.has(module))
      return { kind: "test", reason: `imports test module ${module}` };
  }
  const usesCli = [...modules].some((module) => CLI_MODULES.has(module));
  if (usesCli && !SERVER_HINT.test(text))
    return { kind: "cli", reason: "command-line program" };
  return { kind: "server" };
}
