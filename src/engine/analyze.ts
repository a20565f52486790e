import { posix } from "node:path";

import { ts } from "ts-morph";

import { allDetectors, allRules } from "../detectors/index.js";
import type {
  AnalysisResult,
  Detector,
  DetectorSetting,
  FileError,
  Finding,
  Level,
  Report,
  Severity,
  SourceInput,
  Suppression,
} from "../types.js";
import { FileFacts } from "./facts/file-facts.js";
import { orderImportersFirst } from "./facts/link-order.js";
import {
  emptyLinkSummary,
  IncomingCalls,
  planRelinks,
  summarizeLinks,
  type LinkSummary,
} from "./facts/link-summary.js";
import { createQueryLog, ProjectFacts } from "./facts/project-facts.js";
import {
  classifyByContent,
  classifyByPath,
  isAnalyzablePath,
} from "./file-kind.js";
import { computeFingerprint } from "./fingerprint.js";
import { parseSource } from "./parse-source.js";
import {
  coversRule,
  findSuppressions,
  type SuppressionComment,
} from "./suppression.js";
import { invalidSuppressionMeta } from "../detectors/invalid-suppression.js";

export interface AnalyzeOptions {
  /** Detectors to run; all of them by default. */
  detectors?: readonly Detector[];
  /** Per-detector level or `off`, by detector id. */
  settings?: Readonly<Record<string, DetectorSetting>>;
  /**
   * Changed lines per path. When given, only findings on these lines are
   * returned, and files absent from the map report nothing.
   */
  changedLines?: ReadonlyMap<string, ReadonlySet<number>>;
  /**
   * Number of files analysed again per batch, with their neighbours, once
   * the first pass finds that other files can change their findings.
   */
  batchSize?: number;
  /** Receives how many files were analysed again with their neighbours, out of all analysed. */
  onRelink?: (relinked: number, analyzed: number) => void;
}

/** Files analysed again per batch. Their neighbours' trees stay in memory until the batch ends. */
export const DEFAULT_BATCH_SIZE = 250;

export function getDefaultLevel(severity: Severity): Level {
  if (severity === "critical" || severity === "high") return "error";
  if (severity === "medium") return "warning";
  return "note";
}

/**
 * Runs the detectors over source texts and returns the findings. Pure: no
 * I/O, and a file that fails to parse or a detector that throws is
 * reported in `errors` without stopping the run.
 *
 * Each file is analysed alone first. The files whose findings other files
 * can change, by the queries their detectors made, are then analysed again
 * with those files, linked across relative imports.
 */
export function analyze(
  files: readonly SourceInput[],
  options: AnalyzeOptions = {},
): AnalysisResult {
  const settings = options.settings ?? {};
  const detectors = (options.detectors ?? allDetectors).filter(
    (detector) => settings[detector.meta.id] !== "off",
  );
  const result: AnalysisResult = {
    findings: [],
    errors: [],
    skipped: [],
    suppressions: [],
    filesAnalyzed: 0,
  };

  const candidates: SourceInput[] = [];
  for (const file of files) {
    if (!isAnalyzablePath(file.path)) {
      result.skipped.push({
        path: file.path,
        reason: "not JavaScript or TypeScript",
      });
      continue;
    }
    if (options.changedLines && !options.changedLines.has(file.path)) continue;
    const byPath = classifyByPath(file.path, file.text);
    if (byPath.kind !== "server") {
      result.skipped.push({
        path: file.path,
        reason: byPath.reason ?? byPath.kind,
      });
      continue;
    }
    candidates.push(file);
  }

  const incoming = new IncomingCalls(candidates.map((file) => file.path));
  const outcomes = analyzeAlone(
    orderImportersFirst(candidates),
    incoming,
    detectors,
    settings,
    options,
    result,
  );
  const plan = planRelinks([...outcomes.values()].map((entry) => entry.links));
  const relinked = [...plan.keys()].sort((a, b) => a.localeCompare(b));
  const texts = new Map(candidates.map((file) => [file.path, file.text]));
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  for (let start = 0; start < relinked.length; start += batchSize) {
    const batch = relinked.slice(start, start + batchSize);
    const neighbours = new Set(batch.flatMap((path) => [...plan.get(path)!]));
    const linked = analyzeLinked(
      batch,
      [...neighbours].sort((a, b) => a.localeCompare(b)),
      texts,
      incoming,
      detectors,
      settings,
      options,
    );
    for (const [path, outcome] of linked) outcomes.get(path)!.outcome = outcome;
  }
  options.onRelink?.(relinked.length, outcomes.size);

  for (const file of candidates) {
    const outcome = outcomes.get(file.path)?.outcome;
    if (!outcome) continue;
    result.filesAnalyzed++;
    result.findings.push(...outcome.findings);
    result.suppressions.push(...outcome.suppressions);
    result.errors.push(...outcome.errors);
  }
  result.findings.sort(
    (a, b) =>
      a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column,
  );
  return result;
}

/** Findings, suppressions and errors of one analysed file. */
interface FileOutcome {
  findings: Finding[];
  suppressions: Suppression[];
  errors: FileError[];
}

/** A file's outcome from the first pass, with the summary of its links. */
interface AloneOutcome {
  outcome: FileOutcome;
  links: LinkSummary;
}

/**
 * Analyses each file alone and releases its tree before the next parse.
 * A tree that stays reachable while later files are parsed is copied by
 * each minor garbage collection until it is promoted, which cost more than
 * the walk. Files come importers first, so each one starts with the calls
 * that request code of earlier files makes into it.
 */
function analyzeAlone(
  ordered: readonly SourceInput[],
  incoming: IncomingCalls,
  detectors: readonly Detector[],
  settings: Readonly<Record<string, DetectorSetting>>,
  options: AnalyzeOptions,
  result: AnalysisResult,
): Map<string, AloneOutcome> {
  const outcomes = new Map<string, AloneOutcome>();
  for (const [order, file] of ordered.entries()) {
    const facts = buildFacts(file, result);
    if (!facts) continue;
    incoming.applyTo(facts);
    const log = createQueryLog();
    const project = new ProjectFacts([facts], log);
    const outcome = analyzeFile(facts, project, detectors, settings, options);
    let links: LinkSummary;
    try {
      links = summarizeLinks(facts, log, order);
      incoming.add(links);
    } catch (error) {
      outcome.errors.push({
        path: file.path,
        message: `linking to other files failed: ${describeError(error)}`,
      });
      links = emptyLinkSummary(file.path, log, order);
    }
    outcomes.set(file.path, { outcome, links });
  }
  return outcomes;
}

/**
 * Analyses files again together with the neighbours that can change their
 * findings. Returns the outcomes of those files only, not the neighbours'.
 */
function analyzeLinked(
  paths: readonly string[],
  neighbours: readonly string[],
  texts: ReadonlyMap<string, string>,
  incoming: IncomingCalls,
  detectors: readonly Detector[],
  settings: Readonly<Record<string, DetectorSetting>>,
  options: AnalyzeOptions,
): Map<string, FileOutcome> {
  const facts = new Map<string, FileFacts>();
  const ignored: AnalysisResult = {
    findings: [],
    errors: [],
    skipped: [],
    suppressions: [],
    filesAnalyzed: 0,
  };
  for (const path of neighbours) {
    // Each of these parsed and passed classification in the first pass.
    const built = buildFacts({ path, text: texts.get(path)! }, ignored);
    if (!built) continue;
    incoming.applyTo(built);
    facts.set(path, built);
  }
  const project = new ProjectFacts([...facts.values()]);
  const outcomes = new Map<string, FileOutcome>();
  for (const path of paths) {
    const file = facts.get(path);
    if (file)
      outcomes.set(
        path,
        analyzeFile(file, project, detectors, settings, options),
      );
  }
  return outcomes;
}

/**
 * Parses a file and collects its facts. Records a parse failure, or a file
 * that is not server code, in the result.
 */
function buildFacts(
  file: SourceInput,
  result: AnalysisResult,
): FileFacts | undefined {
  const parsed = parseSource(file.path, file.text);
  if (!parsed.ok) {
    result.errors.push({
      path: file.path,
      line: parsed.line,
      message: parsed.message,
    });
    return undefined;
  }
  try {
    const facts = new FileFacts(
      file.path,
      file.text,
      parsed.sourceFile,
      "server",
    );
    const byContent = classifyByContent(facts.walk, file.text);
    if (byContent.kind !== "server") {
      result.skipped.push({
        path: file.path,
        reason: byContent.reason ?? byContent.kind,
      });
      return undefined;
    }
    return facts;
  } catch (error) {
    result.errors.push({
      path: file.path,
      message: `analysis failed: ${describeError(error)}`,
    });
    return undefined;
  }
}

function analyzeFile(
  file: FileFacts,
  project: ProjectFacts,
  detectors: readonly Detector[],
  settings: Readonly<Record<string, DetectorSetting>>,
  options: AnalyzeOptions,
): FileOutcome {
  const result: FileOutcome = { findings: [], suppressions: [], errors: [] };
  const changed = options.changedLines?.get(file.path);
  const comments = findSuppressions(file.text).filter(
    (comment) => !isInsideLiteral(file.sourceFile, comment),
  );
  const fileFindings: Finding[] = [];
  // First line of the statement around each finding: a comment above
  // `app.use(` covers a finding that starts on the next line.
  const statementLines = new Map<Finding, number>();

  for (const detector of detectors) {
    const reports: Report[] = [];
    try {
      detector.detect({
        file,
        project,
        report: (report) => reports.push(report),
      });
    } catch (error) {
      const failure: FileError = {
        path: file.path,
        detectorId: detector.meta.id,
        message: `detector ${detector.meta.id} failed: ${describeError(error)}`,
      };
      result.errors.push(failure);
      continue;
    }
    for (const report of reports) {
      const finding = createFinding(detector, report, file, settings, changed);
      if (!finding) continue;
      fileFindings.push(finding);
      statementLines.set(finding, findStatementLine(file, report.node));
    }
  }

  if (settings[invalidSuppressionMeta.id] !== "off") {
    fileFindings.push(
      ...reportInvalidSuppressions(file, comments, settings, changed),
    );
  }
  assignUniqueFingerprints(fileFindings);

  for (const finding of fileFindings) {
    const comment = comments.find(
      (candidate) =>
        candidate.reason.length > 0 &&
        (candidate.targetLine === finding.line ||
          candidate.targetLine === statementLines.get(finding)) &&
        coversRule(candidate, finding.ruleId) &&
        finding.detectorId !== invalidSuppressionMeta.id,
    );
    if (comment) {
      result.suppressions.push({
        path: file.path,
        line: finding.line,
        ruleId: finding.ruleId,
        reason: comment.reason,
      });
      continue;
    }
    result.findings.push(finding);
  }
  return result;
}

/**
 * True when a suppression marker sits inside a string, template or regular
 * expression literal, such as a message that quotes the comment syntax,
 * rather than in a comment.
 */
function isInsideLiteral(
  sourceFile: ts.SourceFile,
  comment: SuppressionComment,
): boolean {
  const position = sourceFile.getPositionOfLineAndCharacter(
    comment.line - 1,
    comment.column,
  );
  let inside = false;
  const visit = (node: ts.Node): void => {
    if (inside || position < node.pos || position >= node.end) return;
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateLiteralToken(node) ||
      ts.isRegularExpressionLiteral(node) ||
      ts.isJsxText(node)
    ) {
      inside = position >= node.getStart(sourceFile);
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return inside;
}

/** Returns the first line of the statement or class member that contains the node. */
function findStatementLine(file: FileFacts, node: ts.Node): number {
  let current = node;
  while (
    current.parent &&
    !ts.isSourceFile(current.parent) &&
    !ts.isBlock(current.parent) &&
    !ts.isModuleBlock(current.parent) &&
    !ts.isCaseClause(current.parent) &&
    !ts.isDefaultClause(current.parent) &&
    !ts.isClassLike(current.parent)
  ) {
    current = current.parent;
  }
  return file.getLine(current);
}

function createFinding(
  detector: Detector,
  report: Report,
  file: FileFacts,
  settings: Readonly<Record<string, DetectorSetting>>,
  changed: ReadonlySet<number> | undefined,
): Finding | undefined {
  const sourceFile = file.sourceFile;
  let node = report.node;
  if (changed) {
    const candidates = [report.node, ...(report.relatedNodes ?? [])];
    const onChangedLine = candidates.find((candidate) =>
      changed.has(file.getLine(candidate)),
    );
    if (!onChangedLine) return undefined;
    node = onChangedLine;
  }

  const start = sourceFile.getLineAndCharacterOfPosition(
    node.getStart(sourceFile),
  );
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  const constructText = report.node.getText(sourceFile).slice(0, 4000);
  const severity: Severity = file.isDevOnly(report.node)
    ? "info"
    : (report.severity ?? detector.meta.defaultSeverity);
  const setting = settings[detector.meta.id];
  const level: Level =
    setting && setting !== "off" ? setting : getDefaultLevel(severity);
  const firstLine = node.getText(sourceFile).split("\n")[0] ?? "";

  return {
    detectorId: detector.meta.id,
    ruleId: `F-03/${detector.meta.id}`,
    title: detector.meta.title,
    path: file.path,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity,
    level,
    message:
      severity === "info" && severity !== report.severity
        ? `${report.message} This code runs only outside production, so the finding is informational.`
        : report.message,
    why: report.why,
    fix: report.fix,
    example: report.example,
    suggestion: report.suggestion,
    docsUrl: detector.meta.docsUrl,
    fingerprint: computeFingerprint(detector.meta.id, file.path, constructText),
    snippet: firstLine.trim().slice(0, 120),
  };
}

function reportInvalidSuppressions(
  file: FileFacts,
  comments: readonly SuppressionComment[],
  settings: Readonly<Record<string, DetectorSetting>>,
  changed: ReadonlySet<number> | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const meta = invalidSuppressionMeta;
  const knownRules = new Set(allRules.map((rule) => `F-03/${rule.id}`));
  for (const comment of comments) {
    const unknown = comment.ruleIds.filter((id) => !knownRules.has(id));
    if (comment.reason.length > 0 && unknown.length === 0) continue;
    if (changed && !changed.has(comment.line)) continue;
    const named = comment.ruleIds.find((id) => knownRules.has(id));
    const lineText = file.text.split(/\r?\n/)[comment.line - 1] ?? "";
    const column = lineText.indexOf("structra-disable") + 1;
    const setting = settings[meta.id];
    findings.push({
      detectorId: meta.id,
      ruleId: `F-03/${meta.id}`,
      title: meta.title,
      path: file.path,
      line: comment.line,
      column: Math.max(column, 1),
      endLine: comment.line,
      endColumn: lineText.length + 1,
      severity: meta.defaultSeverity,
      level:
        setting && setting !== "off"
          ? setting
          : getDefaultLevel(meta.defaultSeverity),
      message:
        unknown.length > 0
          ? `This suppression comment names ${unknown.map((id) => `\`${id}\``).join(", ")}, which is not a Structra rule, so it suppresses nothing.`
          : `This suppression comment has no reason, so it does not apply: \`${comment.text}\`.`,
      why: "A suppression hides a finding from every later reviewer; without a valid rule id and a reason nobody can judge whether it still holds.",
      fix:
        unknown.length > 0
          ? `Use a rule id from the list in the README (such as \`F-03/session-memory-store\`), written as \`F-03/<detector-id>\`.`
          : `Add the reason after two dashes, for example \`// structra-disable-next-line ${named ?? "F-03/<detector-id>"} -- <why this state is safe here>\`.`,
      docsUrl: meta.docsUrl,
      fingerprint: computeFingerprint(meta.id, file.path, comment.text),
      snippet: comment.text.slice(0, 120),
    });
  }
  return findings;
}

/** Makes fingerprints unique within a file when the same construct text occurs twice. */
function assignUniqueFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  for (const finding of findings) {
    const count = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, count + 1);
    if (count > 0) {
      finding.fingerprint = computeFingerprint(
        finding.detectorId,
        finding.path,
        `${finding.fingerprint}#${count}`,
      );
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Normalises a path to the forward-slash, root-relative form findings use. */
export function normalizePath(path: string): string {
  return posix.normalize(path.replace(/\\/g, "/")).replace(/^\.\//, "");
}
