/**
 * Measures the detectors' precision and recall on the labelled corpus in
 * test/corpus/ and exits with status 1 when either is below its target.
 *
 * Usage: npm run eval [-- --verbose] [-- --corpus test/corpus-holdout]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { allRules } from "../src/detectors/index.js";
import { analyze } from "../src/engine/analyze.js";
import type { Finding, SourceInput } from "../src/types.js";

const PRECISION_TARGET = 0.97;
const RECALL_TARGET = 0.95;

interface Label {
  line: number;
  detector: string;
  note?: string;
}

interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

function readCorpusOption(): string {
  const index = process.argv.indexOf("--corpus");
  const folder = index === -1 ? "test/corpus" : process.argv[index + 1];
  if (!folder)
    throw new Error("--corpus needs a folder, such as test/corpus-holdout.");
  return fileURLToPath(
    new URL(`../${folder.replace(/\/?$/, "/")}`, import.meta.url),
  );
}

const corpusRoot = readCorpusOption();
const verbose = process.argv.includes("--verbose");

function listSourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...listSourceFiles(path));
    else if (/\.[cm]?[jt]sx?$/.test(entry)) found.push(path);
  }
  return found;
}

function readLabels(): Map<string, Label[]> {
  const raw = JSON.parse(
    readFileSync(join(corpusRoot, "labels.json"), "utf8"),
  ) as Record<string, Label[]>;
  return new Map(Object.entries(raw));
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

function formatRow(name: string, tally: Tally): string {
  const precision = ratio(
    tally.truePositives,
    tally.truePositives + tally.falsePositives,
  );
  const recall = ratio(
    tally.truePositives,
    tally.truePositives + tally.falseNegatives,
  );
  return [
    name.padEnd(26),
    String(tally.truePositives).padStart(4),
    String(tally.falsePositives).padStart(4),
    String(tally.falseNegatives).padStart(4),
    precision.toFixed(3).padStart(10),
    recall.toFixed(3).padStart(8),
  ].join(" ");
}

function main(): number {
  const labels = readLabels();
  const files: SourceInput[] = listSourceFiles(corpusRoot).map((path) => ({
    path: relative(corpusRoot, path).split("\\").join("/"),
    text: readFileSync(path, "utf8"),
  }));

  const unlabelled = files
    .filter((file) => !labels.has(file.path))
    .map((file) => file.path);
  const missing = [...labels.keys()].filter(
    (path) => !files.some((file) => file.path === path),
  );
  if (unlabelled.length > 0 || missing.length > 0) {
    console.error(
      `labels.json does not match the corpus: unlabelled files [${unlabelled.join(", ")}], labels without a file [${missing.join(", ")}]. Add an entry (an empty list for a clean file) for every corpus file.`,
    );
    return 2;
  }

  const result = analyze(files);
  const tallies = new Map<string, Tally>(
    allRules.map((rule) => [
      rule.id,
      { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
    ]),
  );
  const falsePositives: Finding[] = [];
  const falseNegatives: { path: string; label: Label }[] = [];

  const expected = new Set<string>();
  for (const [path, fileLabels] of labels) {
    for (const label of fileLabels)
      expected.add(`${path}:${label.line}:${label.detector}`);
  }
  const reported = new Set<string>();
  const notes: Finding[] = [];
  for (const finding of result.findings) {
    const key = `${finding.path}:${finding.line}:${finding.detectorId}`;
    reported.add(key);
    const tally = tallies.get(finding.detectorId)!;
    if (expected.has(key)) tally.truePositives++;
    else if (finding.severity === "info") {
      // Info findings are advice (code that runs only outside production),
      // not violations: listed below, but not counted against precision.
      notes.push(finding);
    } else {
      tally.falsePositives++;
      falsePositives.push(finding);
    }
  }
  for (const [path, fileLabels] of labels) {
    for (const label of fileLabels) {
      if (reported.has(`${path}:${label.line}:${label.detector}`)) continue;
      let tally = tallies.get(label.detector);
      if (!tally) {
        // A label for a detector that is not registered counts as missed.
        tally = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
        tallies.set(label.detector, tally);
      }
      tally.falseNegatives++;
      falseNegatives.push({ path, label });
    }
  }

  const total: Tally = {
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
  };
  console.log(
    `Corpus: ${files.length} files, ${expected.size} labelled findings, ${result.errors.length} ${result.errors.length === 1 ? "file" : "files"} with errors.`,
  );
  console.log(`${"detector".padEnd(26)}   TP   FP   FN  precision   recall`);
  for (const [id, tally] of tallies) {
    total.truePositives += tally.truePositives;
    total.falsePositives += tally.falsePositives;
    total.falseNegatives += tally.falseNegatives;
    console.log(formatRow(id, tally));
  }
  console.log(formatRow("overall", total));

  for (const finding of falsePositives) {
    console.log(
      `false positive: ${finding.path}:${finding.line} ${finding.ruleId} ${verbose ? finding.message : ""}`,
    );
  }
  for (const finding of notes) {
    console.log(
      `info note (not counted): ${finding.path}:${finding.line} ${finding.ruleId}`,
    );
  }
  for (const { path, label } of falseNegatives) {
    console.log(
      `missed: ${path}:${label.line} F-03/${label.detector}${label.note ? ` (${label.note})` : ""}`,
    );
  }
  for (const error of result.errors)
    console.log(`error: ${error.path}: ${error.message}`);

  const precision = ratio(
    total.truePositives,
    total.truePositives + total.falsePositives,
  );
  const recall = ratio(
    total.truePositives,
    total.truePositives + total.falseNegatives,
  );
  if (precision < PRECISION_TARGET || recall < RECALL_TARGET) {
    console.error(
      `Below target: precision ${precision.toFixed(3)} (target ${PRECISION_TARGET}), recall ${recall.toFixed(3)} (target ${RECALL_TARGET}).`,
    );
    return 1;
  }
  console.log(
    `Targets met: precision ${precision.toFixed(3)} >= ${PRECISION_TARGET}, recall ${recall.toFixed(3)} >= ${RECALL_TARGET}.`,
  );
  return 0;
}

process.exitCode = main();
