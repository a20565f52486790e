import { describe, expect, it } from "vitest";

import { walkFile } from "../../src/engine/facts/walk-file.js";
import { parseSource } from "../../src/engine/parse-source.js";

function walk(text: string) {
  const parsed = parseSource("src/app.ts", text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { walk: walkFile(parsed.sourceFile), sourceFile: parsed.sourceFile };
}

describe("findIdentifiers", () => {
  it("skips comments, strings and longer names", () => {
    const { walk: result, sourceFile } = walk(`// users are kept here
const users = new Map(); /* users */
const allUsers = "users";
class Registry { #users = 1; }
export function add(id: string) {
  users.set(id, \`\${users.size}\`);
  return { users };
}
`);
    const found = result
      .findIdentifiers("users")
      .map((identifier) =>
        sourceFile.getLineAndCharacterOfPosition(
          identifier.getStart(sourceFile),
        ),
      )
      .map(({ line, character }) => `${line + 1}:${character + 1}`);
    expect(found).toEqual(["2:7", "6:3", "6:20", "7:12"]);
  });

  it("returns nothing for unused names", () => {
    expect(walk("const a = 1;").walk.findIdentifiers("b")).toEqual([]);
  });
});
