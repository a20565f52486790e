import { describe, expect, it } from "vitest";

import { allRules } from "../../src/detectors/index.js";
import { formatSarif } from "../../src/reporters/sarif.js";
import type { Finding } from "../../src/types.js";
import {
  createSessionFinding,
  reviewAddedFiles,
  SESSION_APP,
} from "./review-fixture.js";

describe("formatSarif", () => {
  it("describes the tool and every rule", () => {
    const log = formatSarif([], { toolVersion: "0.1.0" });

    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);

    const driver = log.runs[0]?.tool.driver;
    expect(driver?.name).toBe("structra");
    expect(driver?.version).toBe("0.1.0");
    expect(driver?.informationUri).toBe("https://github.com/structra/structra");
    expect(driver?.rules.map((rule) => rule.id)).toEqual(
      allRules.map((rule) => `F-03/${rule.id}`),
    );

    const session = driver?.rules.find(
      (rule) => rule.id === "F-03/session-memory-store",
    );
    const meta = allRules.find((rule) => rule.id === "session-memory-store");
    expect(session?.shortDescription.text).toBe(meta?.title);
    expect(session?.fullDescription.text).toBe(meta?.description);
    expect(session?.helpUri).toBe(meta?.docsUrl);
    expect(session?.defaultConfiguration.level).toBe("error");

    const suppression = driver?.rules.find(
      (rule) => rule.id === "F-03/invalid-suppression",
    );
    expect(suppression?.defaultConfiguration.level).toBe("warning");
  });

  it("formats a result from a real analysis", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    const finding = review.findings[0] as Finding;
    const run = formatSarif(review.analysis, { toolVersion: "1.2.3" }).runs[0];
    const result = run?.results[0];

    expect(run?.results).toHaveLength(1);
    expect(result?.ruleId).toBe("F-03/session-memory-store");
    expect(run?.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe(
      "F-03/session-memory-store",
    );
    expect(result?.level).toBe("error");
    expect(result?.message.text).toBe(`${finding.message} Fix: ${finding.fix}`);
    expect(result?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "src/app.ts", uriBaseId: "%SRCROOT%" },
          region: { startLine: 5, startColumn: 9, endLine: 5, endColumn: 33 },
        },
      },
    ]);
    expect(result?.partialFingerprints).toEqual({
      "structraFingerprint/v1": finding.fingerprint,
    });
    expect(run?.invocations).toEqual([
      { executionSuccessful: true, toolExecutionNotifications: [] },
    ]);
  });

  it("reports parse errors as notifications", () => {
    const review = reviewAddedFiles([
      { path: "src/broken.ts", text: "const = ;\n" },
    ]);
    const invocation = formatSarif(review.analysis, { toolVersion: "1.0.0" })
      .runs[0]?.invocations[0];
    const notification = invocation?.toolExecutionNotifications[0];

    expect(invocation?.executionSuccessful).toBe(true);
    expect(invocation?.toolExecutionNotifications).toHaveLength(1);
    expect(notification?.level).toBe("error");
    expect(notification?.descriptor).toEqual({ id: "parse-error" });
    expect(notification?.message.text).toMatch(
      /^src\/broken\.ts: .*Variable declaration expected/,
    );
    expect(notification?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "src/broken.ts", uriBaseId: "%SRCROOT%" },
      region: { startLine: 1 },
    });
  });

  it("links a detector failure to its rule", () => {
    const analysis = {
      findings: [],
      errors: [
        {
          path: "src/app.ts",
          detectorId: "session-memory-store",
          message: "detector session-memory-store failed: boom",
        },
      ],
      skipped: [],
      suppressions: [],
      filesAnalyzed: 1,
    };
    const log = formatSarif(analysis, { toolVersion: "1.0.0" });
    const notification =
      log.runs[0]?.invocations[0]?.toolExecutionNotifications[0];
    const index = log.runs[0]?.tool.driver.rules.findIndex(
      (rule) => rule.id === "F-03/session-memory-store",
    );

    expect(notification?.descriptor).toEqual({ id: "detector-failure" });
    expect(notification?.associatedRule).toEqual({
      id: "F-03/session-memory-store",
      index,
    });
    expect(notification?.locations[0]?.physicalLocation.region).toBeUndefined();
  });

  it("encodes paths as relative URIs with forward slashes", () => {
    const finding = {
      ...createSessionFinding(),
      path: "src\\my routes\\#1.ts",
    };
    const result = formatSarif([finding], { toolVersion: "1.0.0" }).runs[0]
      ?.results[0];

    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      "src/my%20routes/%231.ts",
    );
  });

  it("adds a rule for a finding outside the registry", () => {
    const finding: Finding = {
      ...createSessionFinding(),
      detectorId: "custom-check",
      ruleId: "F-03/custom-check",
      title: "Disallow custom state",
      level: "note",
    };
    const run = formatSarif([finding], { toolVersion: "1.0.0" }).runs[0];
    const result = run?.results[0];

    expect(run?.tool.driver.rules).toHaveLength(allRules.length + 1);
    expect(run?.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe(
      "F-03/custom-check",
    );
    expect(result?.level).toBe("note");
  });

  it("survives a JSON round trip", () => {
    const review = reviewAddedFiles([
      { path: "src/app.ts", text: SESSION_APP },
    ]);
    const log = formatSarif(review.analysis, { toolVersion: "1.0.0" });
    expect(JSON.parse(JSON.stringify(log))).toEqual(log);
  });
});
