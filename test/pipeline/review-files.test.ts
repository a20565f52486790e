import { describe, expect, it } from "vitest";

import {
  DEFAULT_CONFIG,
  parseConfig,
  type StructraConfig,
} from "../../src/config/config.js";
import {
  diffFilesFromContents,
  type ChangedFile,
} from "../../src/diff/index.js";
import { isAtOrAbove, reviewFiles } from "../../src/pipeline/review-files.js";
import type { SourceInput } from "../../src/types.js";

const BASE_APP = [
  'import express from "express";',
  "",
  "const app = express();",
  "app.listen(3000);",
  "",
].join("\n");

const SESSION_APP = [
  'import express from "express";',
  'import session from "express-session";',
  "",
  "const app = express();",
  'app.use(session({ secret: "x" }));',
  "app.listen(3000);",
  "",
].join("\n");

const REDIS_SESSION_APP = [
  'import express from "express";',
  'import session from "express-session";',
  'import { RedisStore } from "connect-redis";',
  "",
  "const app = express();",
  "app.use(",
  '  session({ secret: "x", store: new RedisStore({ client: redis }) }),',
  ");",
  "app.listen(3000);",
  "",
].join("\n");

/** Builds the changed file of a modification from real base and head texts. */
function modifiedFile(path: string, base: string, head: string): ChangedFile {
  const lines = diffFilesFromContents(path, base, head);
  return { path, status: "modified", binary: false, ...lines };
}

function createConfig(raw: Record<string, unknown>): StructraConfig {
  return parseConfig(raw, ".github/structra.yml");
}

describe("reviewFiles", () => {
  it("reports express-session without a store on an added line", () => {
    const changed = modifiedFile("src/app.ts", BASE_APP, SESSION_APP);
    expect(changed.addedLines).toEqual([2, 5]);

    const review = reviewFiles({
      files: [{ path: "src/app.ts", text: SESSION_APP }],
      changedFiles: [changed],
      config: DEFAULT_CONFIG,
    });

    expect(review.findings).toHaveLength(1);
    const [finding] = review.findings;
    expect(finding?.ruleId).toBe("F-03/session-memory-store");
    expect(finding?.path).toBe("src/app.ts");
    expect(finding?.line).toBe(5);
    expect(finding?.column).toBe(9);
    expect(finding?.severity).toBe("high");
    expect(finding?.level).toBe("error");
    expect(review.failing).toEqual(review.findings);
    expect(review.conclusion).toBe("failure");
    expect(review.excluded).toEqual([]);
    expect(review.analysis.filesAnalyzed).toBe(1);
  });

  it("analyses whole files without a diff", () => {
    const head = SESSION_APP.replace("app.listen(3000);", "app.listen(8080);");
    const review = reviewFiles({
      files: [
        { path: "src/app.ts", text: head },
        { path: "src/legacy/app.ts", text: head },
      ],
      config: createConfig({ paths: { exclude: ["src/legacy/**"] } }),
    });

    expect(review.findings.map((finding) => finding.line)).toEqual([5]);
    expect(review.excluded).toEqual(["src/legacy/app.ts"]);
    expect(review.conclusion).toBe("failure");
  });

  it("ignores a finding on a line that was not added", () => {
    const base = SESSION_APP;
    const head = SESSION_APP.replace("app.listen(3000);", "app.listen(8080);");
    const changed = modifiedFile("src/app.ts", base, head);
    expect(changed.addedLines).toEqual([6]);

    const review = reviewFiles({
      files: [{ path: "src/app.ts", text: head }],
      changedFiles: [changed],
      config: DEFAULT_CONFIG,
    });

    expect(review.findings).toEqual([]);
    expect(review.analysis.filesAnalyzed).toBe(1);
    expect(review.conclusion).toBe("success");
  });

  it("finds nothing when a Redis store is configured", () => {
    const changed = modifiedFile("src/app.ts", BASE_APP, REDIS_SESSION_APP);
    const review = reviewFiles({
      files: [{ path: "src/app.ts", text: REDIS_SESSION_APP }],
      changedFiles: [changed],
      config: DEFAULT_CONFIG,
    });

    expect(review.findings).toEqual([]);
    expect(review.conclusion).toBe("success");
  });

  it("applies the configured level and failOn", () => {
    const input = {
      files: [{ path: "src/app.ts", text: SESSION_APP }],
      changedFiles: [modifiedFile("src/app.ts", BASE_APP, SESSION_APP)],
    };

    const lowered = reviewFiles({
      ...input,
      config: createConfig({
        detectors: { "session-memory-store": "warning" },
      }),
    });
    expect(lowered.findings.map((finding) => finding.level)).toEqual([
      "warning",
    ]);
    expect(lowered.failing).toEqual([]);
    expect(lowered.conclusion).toBe("success");

    const strict = reviewFiles({
      ...input,
      config: createConfig({
        detectors: { "session-memory-store": "warning" },
        failOn: "warning",
      }),
    });
    expect(strict.failing).toHaveLength(1);
    expect(strict.conclusion).toBe("failure");
  });

  it("runs no detector that is off", () => {
    const review = reviewFiles({
      files: [{ path: "src/app.ts", text: SESSION_APP }],
      changedFiles: [modifiedFile("src/app.ts", BASE_APP, SESSION_APP)],
      config: createConfig({ detectors: { "session-memory-store": "off" } }),
    });

    expect(review.findings).toEqual([]);
    expect(review.analysis.filesAnalyzed).toBe(1);
    expect(review.conclusion).toBe("success");
  });

  it("leaves excluded paths out before analysis", () => {
    const files: SourceInput[] = [
      { path: "src/legacy/app.ts", text: SESSION_APP },
      { path: "src/app.ts", text: SESSION_APP },
    ];
    const changedFiles = files.map((file) =>
      modifiedFile(file.path, BASE_APP, file.text),
    );
    changedFiles.push({
      path: "docs/legacy.md",
      status: "added",
      binary: false,
      addedLines: [1],
      commentableLines: [1],
    });

    const review = reviewFiles({
      files,
      changedFiles,
      config: createConfig({
        paths: { include: ["src/**"], exclude: ["src/legacy/**"] },
      }),
    });

    expect(review.excluded).toEqual(["docs/legacy.md", "src/legacy/app.ts"]);
    expect(review.findings.map((finding) => finding.path)).toEqual([
      "src/app.ts",
    ]);
    expect(review.analysis.filesAnalyzed).toBe(1);
    expect(review.analysis.skipped).toEqual([]);
  });

  it("is neutral when every changed file is excluded", () => {
    const review = reviewFiles({
      files: [{ path: "src/app.ts", text: SESSION_APP }],
      changedFiles: [modifiedFile("src/app.ts", BASE_APP, SESSION_APP)],
      config: createConfig({ paths: { exclude: ["src/**"] } }),
    });

    expect(review.excluded).toEqual(["src/app.ts"]);
    expect(review.findings).toEqual([]);
    expect(review.failing).toEqual([]);
    expect(review.conclusion).toBe("neutral");
  });

  it("gets nothing from removed and binary files", () => {
    const review = reviewFiles({
      files: [
        { path: "src/old.ts", text: SESSION_APP },
        { path: "src/blob.js", text: SESSION_APP },
      ],
      changedFiles: [
        {
          path: "src/old.ts",
          status: "removed",
          binary: false,
          addedLines: [5],
          commentableLines: [5],
        },
        {
          path: "src/blob.js",
          status: "modified",
          binary: true,
          addedLines: [5],
          commentableLines: [5],
        },
      ],
      config: DEFAULT_CONFIG,
    });

    expect(review.findings).toEqual([]);
    expect(review.analysis.filesAnalyzed).toBe(0);
    expect(review.conclusion).toBe("neutral");
  });

  it("does not analyse a rename without added lines", () => {
    const review = reviewFiles({
      files: [{ path: "src/server.ts", text: SESSION_APP }],
      changedFiles: [
        {
          path: "src/server.ts",
          previousPath: "src/app.ts",
          status: "renamed",
          binary: false,
          addedLines: [],
          commentableLines: [],
        },
      ],
      config: DEFAULT_CONFIG,
    });

    expect(review.analysis.filesAnalyzed).toBe(0);
    expect(review.conclusion).toBe("neutral");
  });

  it("is neutral when only non-server files changed", () => {
    const review = reviewFiles({
      files: [
        { path: "README.md", text: "# App\n" },
        { path: "src/app.test.ts", text: SESSION_APP },
      ],
      changedFiles: [
        {
          path: "README.md",
          status: "modified",
          binary: false,
          addedLines: [1],
          commentableLines: [1],
        },
        modifiedFile("src/app.test.ts", BASE_APP, SESSION_APP),
      ],
      config: DEFAULT_CONFIG,
    });

    expect(review.findings).toEqual([]);
    expect(review.conclusion).toBe("neutral");
    expect(review.analysis.skipped).toEqual([
      { path: "README.md", reason: "not JavaScript or TypeScript" },
      { path: "src/app.test.ts", reason: "test or fixture file" },
    ]);
  });

  it("lists a suppression with its reason instead of the finding", () => {
    const head = SESSION_APP.replace(
      'app.use(session({ secret: "x" }));',
      [
        "// structra-disable-next-line F-03/session-memory-store -- single-instance admin tool",
        'app.use(session({ secret: "x" }));',
      ].join("\n"),
    );
    const review = reviewFiles({
      files: [{ path: "src/admin.ts", text: head }],
      changedFiles: [modifiedFile("src/admin.ts", BASE_APP, head)],
      config: DEFAULT_CONFIG,
    });

    expect(review.findings).toEqual([]);
    expect(review.analysis.suppressions).toEqual([
      {
        path: "src/admin.ts",
        line: 6,
        ruleId: "F-03/session-memory-store",
        reason: "single-instance admin tool",
      },
    ]);
    expect(review.conclusion).toBe("success");
  });

  it("reports a file that does not parse", () => {
    const broken =
      'import session from "express-session";\napp.use(session({ secret: "x" );\n';
    const review = reviewFiles({
      files: [{ path: "src/broken.ts", text: broken }],
      changedFiles: [modifiedFile("src/broken.ts", "", broken)],
      config: DEFAULT_CONFIG,
    });

    expect(review.analysis.errors).toHaveLength(1);
    expect(review.analysis.errors[0]?.path).toBe("src/broken.ts");
    expect(review.findings).toEqual([]);
    expect(review.conclusion).toBe("neutral");
  });
});

describe("isAtOrAbove", () => {
  it("orders error above warning above note", () => {
    const cases = [
      ["error", "error", true],
      ["error", "warning", true],
      ["error", "note", true],
      ["warning", "error", false],
      ["warning", "warning", true],
      ["warning", "note", true],
      ["note", "error", false],
      ["note", "warning", false],
      ["note", "note", true],
    ] as const;
    for (const [level, threshold, expected] of cases) {
      expect(isAtOrAbove(level, threshold), `${level} vs ${threshold}`).toBe(
        expected,
      );
    }
  });
});
