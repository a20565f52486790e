import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { runCli } from "../../src/cli/main.js";

const SESSION_SERVER = `const express = require("express");
const session = require("express-session");

const app = express();
app.use(session({ secret: "keyboard cat" }));
app.listen(3000);
`;

let repo: string;

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8" });
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, {
    cwd: repo,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "structra-cli-"));
  git("init", "--quiet", "--initial-branch=main");
  git("config", "user.email", "dev@example.com");
  git("config", "user.name", "Dev");
  write(
    "src/app.js",
    'const express = require("express");\nconst app = express();\napp.listen(3000);\n',
  );
  git("add", ".");
  git("commit", "--quiet", "-m", "base");
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe("structra scan", () => {
  it("reports a finding and exits 1", async () => {
    write("src/app.js", SESSION_SERVER);
    const result = await run("scan");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("src/app.js:5:9");
    expect(result.stdout).toContain("F-03/session-memory-store");
  });

  it("exits 0 on clean code", async () => {
    const result = await run("scan", "src");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("0 findings");
  });

  it("skips node_modules folders", async () => {
    write("node_modules/lib/index.js", SESSION_SERVER);
    const result = await run("scan", "--format", "json");
    const report = JSON.parse(result.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
  });

  it("writes SARIF to a file", async () => {
    write("src/app.js", SESSION_SERVER);
    const result = await run(
      "scan",
      "--format",
      "sarif",
      "--output",
      "out.sarif",
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const log = JSON.parse(readFileSync(join(repo, "out.sarif"), "utf8"));
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.name).toBe("structra");
    const [sarifResult] = log.runs[0].results;
    expect(sarifResult.ruleId).toBe("F-03/session-memory-store");
    expect(sarifResult.level).toBe("error");
    expect(sarifResult.locations[0].physicalLocation.artifactLocation.uri).toBe(
      "src/app.js",
    );
    expect(sarifResult.locations[0].physicalLocation.region.startLine).toBe(5);
    expect(sarifResult.locations[0].physicalLocation.region.startColumn).toBe(
      9,
    );
    expect(Object.values(sarifResult.partialFingerprints)[0]).toMatch(
      /^[0-9a-f]{20}$/,
    );
  });

  it("exits 2 for an output folder that does not exist", async () => {
    const result = await run("scan", "--output", "missing/out.sarif");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("the folder missing does not exist");
  });

  it("exits 2 when the output is a folder", async () => {
    const result = await run("scan", "--output", "src");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--output src is a folder");
  });

  it("exits 2 for a missing path", async () => {
    const result = await run("scan", "missing-folder");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("missing-folder does not exist");
  });

  it("exits 2 for an unknown format", async () => {
    const result = await run("scan", "--format", "xml");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("xml");
  });

  it("exits 2 for an invalid config", async () => {
    write("bad.yml", "failOn: fatal\n");
    const result = await run("scan", "--config", "bad.yml");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("failOn");
  });

  it("honours the repository config", async () => {
    write("src/app.js", SESSION_SERVER);
    write(".github/structra.yml", "detectors:\n  session-memory-store: off\n");
    const result = await run("scan");
    expect(result.status).toBe(0);
  });
});

describe("structra review", () => {
  it("reports only lines changed since the base", async () => {
    write("src/old.js", SESSION_SERVER);
    git("add", ".");
    git("commit", "--quiet", "-m", "old session code");
    git("checkout", "--quiet", "-b", "feature");
    write(
      "src/new.ts",
      `import session from "express-session";\napp.use(session({ secret: "s" }));\n`,
    );
    git("add", ".");
    git("commit", "--quiet", "-m", "new session code");

    const result = await run(
      "review",
      "--base",
      "main",
      "--head",
      "feature",
      "--format",
      "json",
    );
    const report = JSON.parse(result.stdout) as {
      findings: { path: string; line: number }[];
    };
    expect(result.status).toBe(1);
    expect(
      report.findings.map((finding) => [finding.path, finding.line]),
    ).toEqual([["src/new.ts", 2]]);
  });

  it("reviews the working tree with untracked files", async () => {
    git("checkout", "--quiet", "-b", "feature");
    write("src/untracked.js", SESSION_SERVER);
    const result = await run("review", "--base", "main");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("src/untracked.js:5:9");
  });

  it("exits 0 when the change is clean", async () => {
    git("checkout", "--quiet", "-b", "feature");
    write(
      "src/app.js",
      'const express = require("express");\nconst app = express();\napp.listen(8080);\n',
    );
    const result = await run("review");
    expect(result.status).toBe(0);
  });

  it("exits 2 for an unknown base", async () => {
    const result = await run("review", "--base", "no-such-branch");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--base no-such-branch is not a commit");
  });

  it("exits 2 outside a git repository", async () => {
    const outside = mkdtempSync(join(tmpdir(), "structra-plain-"));
    try {
      const status = await runCli(["review"], {
        cwd: outside,
        stdout: () => {},
        stderr: () => {},
      });
      expect(status).toBe(2);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
