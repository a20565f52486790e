import { describe, expect, it } from "vitest";

import {
  emptyLinkSummary,
  planRelinks,
  type LinkSummary,
} from "../../src/engine/facts/link-summary.js";
import { createQueryLog } from "../../src/engine/facts/project-facts.js";

/** Builds the summary of a file that imports and calls nothing and whose request scope was read. */
function summary(
  path: string,
  order: number,
  overrides: Partial<LinkSummary> = {},
): LinkSummary {
  const log = createQueryLog();
  log.requestScope = true;
  return { ...emptyLinkSummary(path, log, order), ...overrides };
}

/** A call from request code in `routes.js` to `save` in `service.js`. */
const SAVE_CALL = {
  module: "./service.js",
  exportName: "save",
  depth: 1,
  from: "routes.js",
};

const asObject = (plan: Map<string, Set<string>>) =>
  Object.fromEntries(
    [...plan].map(([path, context]) => [path, [...context].sort()]),
  );

describe("planRelinks", () => {
  it("skips files whose callers came first", () => {
    const plan = planRelinks([
      summary("routes.js", 0, {
        relativeModules: ["./service.js"],
        requestCalls: [SAVE_CALL],
      }),
      summary("service.js", 1, { exportNames: new Set(["save"]) }),
    ]);
    expect(asObject(plan)).toEqual({});
  });

  it("links late callers and their callees", () => {
    const plan = planRelinks([
      summary("service.js", 0, {
        exportNames: new Set(["save"]),
        relativeModules: ["./db.js"],
        calls: [{ module: "./db.js", exportName: "write" }],
      }),
      summary("db.js", 1, { exportNames: new Set(["write"]) }),
      summary("routes.js", 2, {
        relativeModules: ["./service.js"],
        requestCalls: [SAVE_CALL],
      }),
    ]);
    expect(asObject(plan)).toEqual({
      "service.js": ["routes.js", "service.js"],
      "db.js": ["db.js", "routes.js", "service.js"],
    });
  });

  it("links other files with the token", () => {
    const lookup = createQueryLog();
    lookup.tokens.add("call:decorate");
    const plan = planRelinks([
      summary("routes.js", 0, {
        log: lookup,
        tokens: new Set(["call:decorate"]),
      }),
      summary("plugin.js", 1, { tokens: new Set(["call:decorate"]) }),
      summary("other.js", 2),
    ]);
    expect(asObject(plan)).toEqual({
      "routes.js": ["plugin.js", "routes.js"],
    });
  });

  it("links joined files with the token", () => {
    const lookup = createQueryLog();
    lookup.connectedTokens.add("module:@socket.io/redis-adapter");
    const plan = planRelinks([
      summary("server.js", 0, {
        log: lookup,
        relativeModules: ["./adapter.js", "./routes.js"],
      }),
      summary("adapter.js", 1, {
        tokens: new Set(["module:@socket.io/redis-adapter"]),
      }),
      summary("routes.js", 2),
      summary("other-service.js", 3, {
        tokens: new Set(["module:@socket.io/redis-adapter"]),
      }),
    ]);
    expect(asObject(plan)).toEqual({
      "server.js": ["adapter.js", "server.js"],
    });
  });
});
