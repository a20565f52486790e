import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { allRules } from "../../src/detectors/index.js";
import { analyze } from "../../src/engine/analyze.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const REQUIRED_SECTIONS = [
  "## Why it breaks horizontal scaling",
  "## Incorrect",
  "## Correct",
  "## How to fix",
  "## When Not To Use It",
  "## Known limitations",
];

interface Example {
  language: string;
  expectation: "incorrect" | "correct";
  code: string;
  path?: string;
}

/** Reads fenced examples whose info string is `<lang> incorrect|correct [path=...]`. */
function readExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const fence =
    /^```(js|ts|tsx|jsx) (incorrect|correct)(?: path=(\S+))?\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    examples.push({
      language: match[1]!,
      expectation: match[2] as Example["expectation"],
      path: match[3],
      code: match[4]!,
    });
  }
  return examples;
}

describe.each(allRules.map((rule) => [rule.id, rule] as const))(
  "docs for %s",
  (id) => {
    const page = `${root}docs/detectors/${id}.md`;

    it("has a docs page with every section", () => {
      expect(existsSync(page)).toBe(true);
      const markdown = readFileSync(page, "utf8");
      for (const section of REQUIRED_SECTIONS)
        expect(markdown).toContain(section);
    });

    it("has a table test", () => {
      expect(existsSync(`${root}test/detectors/${id}.test.ts`)).toBe(true);
    });

    it("has examples whose findings match the page", () => {
      const examples = readExamples(readFileSync(page, "utf8"));
      expect(
        examples.some((example) => example.expectation === "incorrect"),
      ).toBe(true);
      expect(
        examples.some((example) => example.expectation === "correct"),
      ).toBe(true);

      for (const example of examples) {
        const path = example.path ?? `src/example.${example.language}`;
        const result = analyze([{ path, text: example.code }]);
        expect(result.errors).toEqual([]);
        const ids = result.findings.map((finding) => finding.detectorId);
        if (example.expectation === "incorrect") expect(ids).toContain(id);
        else expect(ids).not.toContain(id);
      }
    });
  },
);
