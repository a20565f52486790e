import { describe, expect, it } from "vitest";

import { analyze } from "../../src/engine/analyze.js";
import { computeFingerprint } from "../../src/engine/fingerprint.js";

const SESSION = `const session = require("express-session");
app.use(session({ secret: "s" }));
`;

describe("analyze", () => {
  it("reports a file that fails to parse and goes on", () => {
    const result = analyze([
      { path: "src/broken.js", text: "function (" },
      { path: "src/app.js", text: SESSION },
    ]);
    expect(result.errors).toEqual([
      {
        path: "src/broken.js",
        line: 1,
        message: expect.stringContaining("syntax error at line 1"),
      },
    ]);
    expect(result.findings.map((finding) => finding.path)).toEqual([
      "src/app.js",
    ]);
    expect(result.filesAnalyzed).toBe(1);
  });

  it("skips files that are not server code, with reasons", () => {
    const result = analyze([
      { path: "src/app.test.js", text: SESSION },
      { path: "src/components/Cart.tsx", text: SESSION },
      { path: "scripts/seed.js", text: SESSION },
      { path: "src/cli.js", text: `#!/usr/bin/env node\n${SESSION}` },
      { path: "src/page.tsx", text: `"use client";\n${SESSION}` },
      { path: "README.md", text: "# hi" },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.skipped.map((skip) => [skip.path, skip.reason])).toEqual([
      ["src/app.test.js", "test or fixture file"],
      ["src/components/Cart.tsx", "browser code folder"],
      ["scripts/seed.js", "script, migration or seed folder"],
      ["src/cli.js", "command-line script (shebang)"],
      ["README.md", "not JavaScript or TypeScript"],
      ["src/page.tsx", "'use client' module"],
    ]);
  });

  it("keeps only findings on changed lines", () => {
    const files = [{ path: "src/app.js", text: SESSION }];
    const unchanged = analyze(files, {
      changedLines: new Map([["src/app.js", new Set([1])]]),
    });
    const changed = analyze(files, {
      changedLines: new Map([["src/app.js", new Set([2])]]),
    });
    const absent = analyze(files, { changedLines: new Map() });
    expect(unchanged.findings).toEqual([]);
    expect(changed.findings.map((finding) => finding.line)).toEqual([2]);
    expect(absent.filesAnalyzed).toBe(0);
  });

  it("moves a finding to a changed related line", () => {
    const text = `const session = require("express-session");
app.use(
  session({
    secret: "s",
    store: new session.MemoryStore(),
  }),
);
`;
    const result = analyze([{ path: "src/app.js", text }], {
      changedLines: new Map([["src/app.js", new Set([5])]]),
    });
    expect(
      result.findings.map((finding) => [finding.line, finding.column]),
    ).toEqual([[5, 5]]);
  });

  it("keeps the fingerprint when code above moves", () => {
    const before = analyze([{ path: "src/app.js", text: SESSION }]);
    const after = analyze([
      { path: "src/app.js", text: `// a new comment\n\n${SESSION}` },
    ]);
    expect(after.findings[0]!.line).toBe(before.findings[0]!.line + 2);
    expect(after.findings[0]!.fingerprint).toBe(
      before.findings[0]!.fingerprint,
    );
  });

  it("gives repeated constructs distinct fingerprints", () => {
    const text = `${SESSION}app.use(session({ secret: "s" }));\n`;
    const [first, second] = analyze([{ path: "src/app.js", text }]).findings;
    expect(first!.fingerprint).toBe(
      computeFingerprint(
        "session-memory-store",
        "src/app.js",
        'session({ secret: "s" })',
      ),
    );
    expect(second!.fingerprint).not.toBe(first!.fingerprint);
  });

  it("applies levels from settings and turns detectors off", () => {
    const files = [{ path: "src/app.js", text: SESSION }];
    const warning = analyze(files, {
      settings: { "session-memory-store": "warning" },
    });
    const off = analyze(files, { settings: { "session-memory-store": "off" } });
    expect(
      warning.findings.map((finding) => [finding.severity, finding.level]),
    ).toEqual([["high", "warning"]]);
    expect(off.findings).toEqual([]);
  });

  it("downgrades development-only code to info", () => {
    const text = `const session = require("express-session");
if (process.env.NODE_ENV !== "production") {
  app.use(session({ secret: "dev" }));
}
`;
    const [finding] = analyze([{ path: "src/app.js", text }]).findings;
    expect(finding!.severity).toBe("info");
    expect(finding!.level).toBe("note");
    expect(finding!.message).toContain("runs only outside production");
  });

  it("gives the same findings in small batches", () => {
    const files = Array.from({ length: 7 }, (_, index) => ({
      path: `src/app${index}.js`,
      text: SESSION,
    }));
    const whole = analyze(files);
    const batched = analyze(files, { batchSize: 2 });
    expect(batched.findings).toEqual(whole.findings);
    expect(batched.filesAnalyzed).toBe(7);
  });
});
