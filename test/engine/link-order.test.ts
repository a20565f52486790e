import { describe, expect, it } from "vitest";

import { orderImportersFirst } from "../../src/engine/facts/link-order.js";

const paths = (files: { path: string }[]): string[] =>
  files.map((file) => file.path);

describe("orderImportersFirst", () => {
  it("puts importers first", () => {
    const files = [
      { path: "src/db.js", text: "module.exports = {};" },
      {
        path: "src/service.ts",
        text: `import db from "./db.js";\nexport const f = () => db;`,
      },
      {
        path: "src/routes/index.js",
        text: `const service = require("../service");\nconst lazy = import("../db.js");`,
      },
    ];
    expect(paths(orderImportersFirst(files))).toEqual([
      "src/routes/index.js",
      "src/service.ts",
      "src/db.js",
    ]);
  });

  it("keeps every file of a cycle", () => {
    const files = [
      { path: "a.js", text: `import "./b.js";` },
      { path: "b.js", text: `export * from "./a";` },
      { path: "c.js", text: `// import "./a.js" in a comment still counts` },
    ];
    const ordered = paths(orderImportersFirst(files));
    expect([...ordered].sort()).toEqual(["a.js", "b.js", "c.js"]);
    expect(ordered.indexOf("c.js")).toBeLessThan(ordered.indexOf("a.js"));
  });

  it("ignores packages and missing files", () => {
    const files = [
      { path: "src/app.js", text: `import express from "express";` },
      { path: "src/other.js", text: `require("./missing");` },
    ];
    expect(paths(orderImportersFirst(files))).toEqual([
      "src/other.js",
      "src/app.js",
    ]);
  });
});
