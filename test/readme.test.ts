import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { allRules } from "../src/detectors/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const manifest = parse(
  readFileSync(new URL("../app.yml", import.meta.url), "utf8"),
) as {
  default_permissions: Record<string, string>;
  default_events: string[];
};

/** Returns the first cells of the rows of the table under a heading. */
function readTable(heading: string): string[][] {
  const start = readme.indexOf(`${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of readme.slice(start).split("\n").slice(1)) {
    if (rows.length > 0 && !line.startsWith("|")) break;
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    rows.push(
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(1);
}

describe("README", () => {
  it("lists the manifest's permissions", () => {
    const rows = readTable("### Permissions");
    const documented = Object.fromEntries(
      rows.map(([permission, access]) => [
        permission!.toLowerCase().replace(/ /g, "_"),
        access,
      ]),
    );
    expect(documented).toEqual(manifest.default_permissions);
  });

  it("lists the manifest's events", () => {
    const rows = readTable("### Events");
    expect(rows.map(([event]) => event!.replace(/`/g, ""))).toEqual(
      manifest.default_events,
    );
  });

  it("lists every detector", () => {
    const rows = readTable("## Detectors");
    const ids = rows.map(([rule]) => /F-03\/([a-z-]+)/.exec(rule!)?.[1]);
    expect(ids.sort()).toEqual(allRules.map((rule) => rule.id).sort());
  });
});
