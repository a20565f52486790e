import { describe, expect, it } from "vitest";

import { DEFAULT_CONFIG } from "../../src/config/config.js";
import { createPathFilter } from "../../src/config/create-path-filter.js";

describe("createPathFilter", () => {
  it("includes every path by default, dot folders too", () => {
    const isIncluded = createPathFilter(DEFAULT_CONFIG.paths);
    expect(isIncluded("src/app.ts")).toBe(true);
    expect(isIncluded("server.js")).toBe(true);
    expect(isIncluded(".github/scripts/release.js")).toBe(true);
  });

  it("applies include and exclude", () => {
    const isIncluded = createPathFilter({
      include: ["src/**", "api/*.js"],
      exclude: ["src/legacy/**", "**/*.gen.ts"],
    });
    expect(isIncluded("src/app.ts")).toBe(true);
    expect(isIncluded("src/routes/cart.ts")).toBe(true);
    expect(isIncluded("api/login.js")).toBe(true);
    expect(isIncluded("api/v2/login.js")).toBe(false);
    expect(isIncluded("lib/app.ts")).toBe(false);
    expect(isIncluded("src/legacy/session.js")).toBe(false);
    expect(isIncluded("src/types.gen.ts")).toBe(false);
  });

  it("normalises ./ and backslashes in paths", () => {
    const isIncluded = createPathFilter({
      include: ["src/**"],
      exclude: ["src/legacy/**"],
    });
    expect(isIncluded("./src/app.ts")).toBe(true);
    expect(isIncluded("src\\legacy\\session.js")).toBe(false);
  });
});
