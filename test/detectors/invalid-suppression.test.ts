import { describe, expect, it } from "vitest";

import { analyze } from "../../src/engine/analyze.js";

const FLAGGED = `app.use(session({ secret: "s" }));`;

function analyzeWith(lines: string[]) {
  const text = [`const session = require("express-session");`, ...lines].join(
    "\n",
  );
  return analyze([{ path: "src/app.js", text }]);
}

describe("invalid-suppression", () => {
  it("suppresses next line with a reason", () => {
    const result = analyzeWith([
      "// structra-disable-next-line F-03/session-memory-store -- admin tool, one process",
      FLAGGED,
    ]);
    expect(result.findings).toEqual([]);
    expect(result.suppressions).toEqual([
      {
        path: "src/app.js",
        line: 3,
        ruleId: "F-03/session-memory-store",
        reason: "admin tool, one process",
      },
    ]);
  });

  it("suppresses same line with a reason", () => {
    const result = analyzeWith([
      `${FLAGGED} // structra-disable-line F-03/session-memory-store -- kiosk build`,
    ]);
    expect(result.findings).toEqual([]);
    expect(result.suppressions.map((s) => s.reason)).toEqual(["kiosk build"]);
  });

  it("reports a comment without a reason and keeps the finding", () => {
    const result = analyzeWith([
      "// structra-disable-next-line F-03/session-memory-store",
      FLAGGED,
    ]);
    expect(result.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ["F-03/invalid-suppression", 2, 4],
      ["F-03/session-memory-store", 3, 9],
    ]);
    expect(result.findings[0]!.level).toBe("warning");
    expect(result.suppressions).toEqual([]);
  });

  it("ignores a comment naming another rule", () => {
    const result = analyzeWith([
      "// structra-disable-next-line F-03/memory-cache -- not this one",
      FLAGGED,
    ]);
    expect(result.findings.map((f) => f.ruleId)).toEqual([
      "F-03/session-memory-store",
    ]);
  });

  it("covers every rule when no id is given", () => {
    const result = analyzeWith([
      "// structra-disable-next-line -- whole line reviewed",
      FLAGGED,
    ]);
    expect(result.findings).toEqual([]);
    expect(result.suppressions.map((s) => s.ruleId)).toEqual([
      "F-03/session-memory-store",
    ]);
  });

  it("covers a finding on the statement's next line", () => {
    const result = analyzeWith([
      "// structra-disable-next-line F-03/session-memory-store -- admin tool, one process",
      "app.use(",
      '  session({ secret: "s" }),',
      ");",
    ]);
    expect(result.findings).toEqual([]);
    expect(result.suppressions.map((s) => s.line)).toEqual([4]);
  });

  it("reports an unknown rule id", () => {
    const result = analyzeWith([
      "// structra-disable-next-line F-03/sesion-memory-store -- typo in the id",
      FLAGGED,
    ]);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ["F-03/invalid-suppression", 2],
      ["F-03/session-memory-store", 3],
    ]);
    expect(result.findings[0]!.message).toContain("`F-03/sesion-memory-store`");
  });

  it("suggests the named rule in the fix", () => {
    const result = analyzeWith([
      "// structra-disable-next-line F-03/session-memory-store",
      FLAGGED,
    ]);
    expect(result.findings[0]!.fix).toContain(
      "structra-disable-next-line F-03/session-memory-store --",
    );
  });

  it("ignores the marker inside a string", () => {
    const result = analyzeWith([
      "const hint = `// structra-disable-next-line ${rule} -- reason`;",
      "const other = '// structra-disable-line F-03/no-such-rule';",
    ]);
    expect(result.findings).toEqual([]);
  });

  it("can be turned off in settings", () => {
    const text = `// structra-disable-line\nconst x = 1;`;
    const result = analyze([{ path: "src/a.js", text }], {
      settings: { "invalid-suppression": "off" },
    });
    expect(result.findings).toEqual([]);
  });
});
