import { expect, it } from "vitest";

import { analyze } from "../../src/engine/analyze.js";
import type { Detector, Severity } from "../../src/types.js";

export interface ValidCase {
  name: string;
  code: string;
  /** Path the code is analysed at; `src/server.js` by default. */
  path?: string;
  /** Other files analysed together with this one, for cross-file cases. */
  files?: Record<string, string>;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  severity?: Severity;
  /** A fragment the message must contain. */
  message?: string;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

/** Runs one detector over source texts and returns its findings for the case's main file. */
export function runDetector(detector: Detector, testCase: ValidCase) {
  const path = testCase.path ?? "src/server.js";
  const others = Object.entries(testCase.files ?? {}).map(
    ([otherPath, text]) => ({
      path: otherPath,
      text,
    }),
  );
  const result = analyze([{ path, text: testCase.code }, ...others], {
    detectors: [detector],
  });
  expect(result.errors).toEqual([]);
  return result.findings.filter((finding) => finding.path === path);
}

/** Declares one test per case: valid cases report nothing, invalid cases report exactly the expected findings. */
export function describeDetectorCases(
  detector: Detector,
  cases: { valid: ValidCase[]; invalid: InvalidCase[] },
): void {
  for (const testCase of cases.valid) {
    it(`valid: ${testCase.name}`, () => {
      expect(runDetector(detector, testCase)).toEqual([]);
    });
  }
  for (const testCase of cases.invalid) {
    it(`invalid: ${testCase.name}`, () => {
      const findings = runDetector(detector, testCase);
      expect(
        findings.map((finding) => ({
          line: finding.line,
          column: finding.column,
        })),
      ).toEqual(
        testCase.findings.map((expected) => ({
          line: expected.line,
          column: expected.column,
        })),
      );
      testCase.findings.forEach((expected, index) => {
        const finding = findings[index]!;
        expect(finding.ruleId).toBe(`F-03/${detector.meta.id}`);
        if (expected.severity) expect(finding.severity).toBe(expected.severity);
        if (expected.message)
          expect(finding.message).toContain(expected.message);
      });
    });
  }
}
