import { allRules } from "../detectors/index.js";
import { getDefaultLevel, normalizePath } from "../engine/analyze.js";
import type {
  AnalysisResult,
  DetectorMeta,
  FileError,
  Finding,
} from "../types.js";
import type {
  SarifLocation,
  SarifLog,
  SarifNotification,
  SarifResult,
  SarifRule,
} from "./sarif-log.js";

export type * from "./sarif-log.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const PROJECT_URL = "https://github.com/structra/structra";
const SOURCE_ROOT = "%SRCROOT%";
const FINGERPRINT_KEY = "structraFingerprint/v1";

export interface SarifOptions {
  /** Version of Structra that produced the log. */
  toolVersion: string;
}

/**
 * Formats findings as a SARIF 2.1.0 log with one run. Every known rule is
 * listed, so a viewer can show rules without results. Files that failed
 * to parse and detectors that threw become tool execution notifications.
 * The invocation still counts as successful, because such a failure stays
 * contained to one file while the rest of the run completes.
 */
export function formatSarif(
  result: AnalysisResult | readonly Finding[],
  options: SarifOptions,
): SarifLog {
  const findings = isFindingList(result) ? result : result.findings;
  const errors = isFindingList(result) ? [] : result.errors;

  const rules = allRules.map(formatRule);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  for (const finding of findings) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, rules.length);
    rules.push(formatUnknownRule(finding));
  }

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "structra",
            version: options.toolVersion,
            informationUri: PROJECT_URL,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: errors.map((error) =>
              formatNotification(error, ruleIndex),
            ),
          },
        ],
        columnKind: "utf16CodeUnits",
        results: findings.map((finding) =>
          formatResult(finding, ruleIndex.get(finding.ruleId) as number),
        ),
      },
    ],
  };
}

function isFindingList(
  result: AnalysisResult | readonly Finding[],
): result is readonly Finding[] {
  return Array.isArray(result);
}

function formatRule(rule: DetectorMeta): SarifRule {
  return {
    id: `F-03/${rule.id}`,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: `${rule.description} Fix: ${rule.fix}` },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: getDefaultLevel(rule.defaultSeverity) },
    properties: { tags: ["F-03", "scalability"] },
  };
}

/** Formats a rule for a finding whose detector is not registered, such as a test's own. */
function formatUnknownRule(finding: Finding): SarifRule {
  return {
    id: finding.ruleId,
    shortDescription: { text: finding.title },
    fullDescription: { text: finding.title },
    help: { text: finding.fix },
    helpUri: finding.docsUrl,
    defaultConfiguration: { level: finding.level },
    properties: { tags: ["F-03", "scalability"] },
  };
}

function formatResult(finding: Finding, ruleIndex: number): SarifResult {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: `${finding.message} Fix: ${finding.fix}` },
    locations: [
      formatLocation(finding.path, {
        startLine: finding.line,
        startColumn: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
      }),
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: { severity: finding.severity },
  };
}

function formatNotification(
  error: FileError,
  ruleIndex: ReadonlyMap<string, number>,
): SarifNotification {
  const notification: SarifNotification = {
    level: "error",
    message: { text: `${error.path}: ${error.message}` },
    descriptor: { id: error.detectorId ? "detector-failure" : "parse-error" },
    locations: [
      formatLocation(
        error.path,
        error.line ? { startLine: error.line } : undefined,
      ),
    ],
  };

  const ruleId = error.detectorId ? `F-03/${error.detectorId}` : undefined;
  const index = ruleId === undefined ? undefined : ruleIndex.get(ruleId);
  if (ruleId !== undefined && index !== undefined) {
    notification.associatedRule = { id: ruleId, index };
  }
  return notification;
}

function formatLocation(
  path: string,
  region: SarifLocation["physicalLocation"]["region"],
): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: { uri: formatUri(path), uriBaseId: SOURCE_ROOT },
      ...(region ? { region } : {}),
    },
  };
}

/** Formats a repository path as a relative URI reference, each segment percent-encoded. */
function formatUri(path: string): string {
  return normalizePath(path)
    .replace(/^\/+/, "")
    .split("/")
    .map(encodeURIComponent)
    .join("/");
}
