import { describe, expect, it } from "vitest";

import { FileFacts } from "../../src/engine/facts/file-facts.js";
import {
  createQueryLog,
  ProjectFacts,
} from "../../src/engine/facts/project-facts.js";
import { parseSource } from "../../src/engine/parse-source.js";

function facts(path: string, text: string): FileFacts {
  const parsed = parseSource(path, text);
  if (!parsed.ok) throw new Error(parsed.message);
  return new FileFacts(path, text, parsed.sourceFile, "server");
}

describe("ProjectFacts query log", () => {
  it("records named importer queries", () => {
    const store = facts("src/store.js", "export const carts = new Map();");
    const routes = facts(
      "src/routes.js",
      `import { carts } from "./store.js";\nimport * as all from "./store.js";\nimport { other } from "./store.js";`,
    );
    const log = createQueryLog();
    const project = new ProjectFacts([store, routes], log);

    const named = project.listImportsOf(store, ["carts"]);

    expect(named.map(({ binding }) => binding.local)).toEqual(["carts", "all"]);
    expect(log.importers).toBe(false);
    expect([...log.importedNames]).toEqual(["carts"]);
  });

  it("records queries for all importers", () => {
    const store = facts("src/store.js", "export const carts = new Map();");
    const log = createQueryLog();
    const project = new ProjectFacts([store], log);

    expect(project.listImportsOf(store)).toEqual([]);
    expect(log.importers).toBe(true);
  });

  it("records content tokens of lookups", () => {
    const plugin = facts(
      "src/plugin.js",
      `fastify.decorate("users", new Map());`,
    );
    const log = createQueryLog();
    const project = new ProjectFacts([plugin], log);

    expect(project.listFilesWith(["call:decorate"])).toEqual([plugin]);
    expect(project.listFilesWith(["call:register"])).toEqual([]);
    expect([...log.tokens]).toEqual(["call:decorate", "call:register"]);
  });
});
