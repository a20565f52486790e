// The subset of the SARIF 2.1.0 object model that Structra writes.

import type { Level } from "../types.js";

export interface SarifMessage {
  text: string;
}

export interface SarifRegion {
  /** 1-based. */
  startLine: number;
  /** 1-based, in UTF-16 code units. */
  startColumn?: number;
  endLine?: number;
  /** 1-based column just after the region's last character. */
  endColumn?: number;
}

export interface SarifLocation {
  physicalLocation: {
    /** `uri` is relative to `uriBaseId`, the repository root. */
    artifactLocation: { uri: string; uriBaseId: string };
    region?: SarifRegion;
  };
}

export interface SarifRule {
  /** `F-03/<detector-id>`. */
  id: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  /** Index of the rule in `tool.driver.rules`. */
  ruleIndex: number;
  level: Level;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: { severity: string };
}

export interface SarifNotification {
  level: Level;
  message: SarifMessage;
  descriptor: { id: string };
  associatedRule?: { id: string; index: number };
  locations: SarifLocation[];
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: SarifNotification[];
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      informationUri: string;
      rules: SarifRule[];
    };
  };
  invocations: SarifInvocation[];
  columnKind: "utf16CodeUnits";
  results: SarifResult[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}
