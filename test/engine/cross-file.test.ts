import { describe, expect, it } from "vitest";

import { analyze, type AnalyzeOptions } from "../../src/engine/analyze.js";
import type { SourceInput } from "../../src/types.js";

const CODES = `const verificationCodes = new Map();
export function rememberCode(email, code) {
  verificationCodes.set(email, code);
}
`;
const ROUTES = `import { rememberCode } from "./codes.js";
app.post("/verify/send", (req, res) => {
  rememberCode(req.body.email, makeCode());
});
`;
const STORE = `export const carts = new Map();\n`;
const CART_ROUTES = `import { Router } from "express";
import { carts } from "../store.js";
export const router = Router();
router.post("/cart", (req, res) => {
  carts.set(req.user.id, req.body.items);
});
`;

/** Runs the engine and returns its findings as path, line and detector, with the count of files analysed again. */
function run(
  files: readonly SourceInput[],
  options: AnalyzeOptions = {},
): { findings: string[]; relinked: number } {
  let relinked = -1;
  const result = analyze(files, {
    ...options,
    onRelink: (count) => {
      relinked = count;
    },
  });
  return {
    findings: result.findings.map(
      (finding) => `${finding.path}:${finding.line} ${finding.detectorId}`,
    ),
    relinked,
  };
}

describe("cross-file links", () => {
  it("finds stores written through helpers", () => {
    const linked = run([
      { path: "src/codes.js", text: CODES },
      { path: "src/routes.js", text: ROUTES },
    ]);
    const alone = run([{ path: "src/codes.js", text: CODES }]);
    expect(linked).toEqual({
      findings: ["src/codes.js:1 module-state-store"],
      relinked: 0,
    });
    expect(alone).toEqual({ findings: [], relinked: 0 });
  });

  it("relinks files after late callers", () => {
    const codes = `import "./routes.js";\n${CODES}`;
    const files = [
      { path: "src/codes.js", text: codes },
      { path: "src/routes.js", text: ROUTES },
    ];
    const result = run(files);
    const [finding] = analyze(files).findings;
    expect(result).toEqual({
      findings: ["src/codes.js:2 module-state-store"],
      relinked: 1,
    });
    expect(finding!.message).toContain(
      "`rememberCode` (called from request code in src/routes.js)",
    );
  });

  it("relinks stores with their writers", () => {
    const result = run([
      { path: "src/store.ts", text: STORE },
      { path: "src/routes/cart.ts", text: CART_ROUTES },
    ]);
    expect(result).toEqual({
      findings: ["src/store.ts:1 module-state-store"],
      relinked: 1,
    });
  });

  it("ignores input order and batch size", () => {
    const files: SourceInput[] = [
      { path: "src/routes/cart.ts", text: CART_ROUTES },
      { path: "src/routes.js", text: ROUTES },
      { path: "src/store.ts", text: STORE },
      { path: "src/codes.js", text: CODES },
    ];
    const expected = [
      "src/codes.js:1 module-state-store",
      "src/store.ts:1 module-state-store",
    ];
    expect(run(files).findings).toEqual(expected);
    expect(run([...files].reverse()).findings).toEqual(expected);
    expect(run(files, { batchSize: 1 }).findings).toEqual(expected);
  });

  it("links project-wide lookups by token", () => {
    // A Fastify decoration holding a Map, written from a route in another
    // file: the route's file looks the decoration up by its token.
    const plugin = `module.exports = async function (fastify) {
  fastify.decorate("onlineUsers", new Map());
};
`;
    const route = `module.exports = async function (fastify) {
  fastify.post("/online", async (request) => {
    fastify.onlineUsers.set(request.user.id, Date.now());
  });
};
`;
    const linked = run([
      { path: "src/plugins/online.js", text: plugin },
      { path: "src/routes/online.js", text: route },
    ]);
    const alone = run([{ path: "src/routes/online.js", text: route }]);
    expect(linked).toEqual({
      findings: ["src/routes/online.js:3 global-state-write"],
      relinked: 1,
    });
    expect(alone).toEqual({ findings: [], relinked: 0 });
  });
});
