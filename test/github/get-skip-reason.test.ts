import { describe, expect, it } from "vitest";

import {
  getContentSkipReason,
  getPathSkipReason,
  MAX_FILE_BYTES,
} from "../../src/github/get-skip-reason.js";

describe("getPathSkipReason", () => {
  const cases: [string, string | undefined][] = [
    ["src/server.js", undefined],
    ["src/builder.ts", undefined],
    ["src/distance.js", undefined],
    [
      "node_modules/express/index.js",
      "vendored or build output (node_modules/)",
    ],
    [
      "packages/api/node_modules/x/a.js",
      "vendored or build output (node_modules/)",
    ],
    ["vendor/jquery.js", "vendored or build output (vendor/)"],
    ["dist/index.js", "vendored or build output (dist/)"],
    ["apps/web/build/server.js", "vendored or build output (build/)"],
    [
      "coverage/lcov-report/prettify.js",
      "vendored or build output (coverage/)",
    ],
    ["src/schema.generated.ts", "generated file (*.generated.*)"],
    ["public/app.min.js", "minified file (*.min.js)"],
    ["public/app.min.mjs", "minified file (*.min.js)"],
  ];

  it.each(cases)("%s", (path, expected) => {
    expect(getPathSkipReason(path)).toBe(expected);
  });
});

describe("getContentSkipReason", () => {
  const blob = { byteSize: 10, isBinary: false, isTruncated: false };

  it("accepts ordinary text", () => {
    expect(getContentSkipReason({ ...blob, text: "const a = 1;\n" })).toBe(
      undefined,
    );
  });

  it("skips binary files", () => {
    expect(getContentSkipReason({ ...blob, text: null, isBinary: true })).toBe(
      "binary file",
    );
  });

  it("skips files over the size limit", () => {
    const size = MAX_FILE_BYTES + 1;
    expect(getContentSkipReason({ ...blob, byteSize: size, text: "x" })).toBe(
      `larger than 1 MiB (${size} bytes)`,
    );
  });

  it("accepts a file at the size limit", () => {
    expect(
      getContentSkipReason({ ...blob, byteSize: MAX_FILE_BYTES, text: "x" }),
    ).toBe(undefined);
  });

  it("skips truncated content", () => {
    expect(
      getContentSkipReason({ ...blob, text: "x", isTruncated: true }),
    ).toBe("GitHub returned truncated content");
  });

  it("skips a long first line", () => {
    const text = `${"a".repeat(1001)}\nshort\n`;
    expect(getContentSkipReason({ ...blob, text })).toBe(
      "minified (first line longer than 1000 characters)",
    );
  });

  it("accepts a long line after the first", () => {
    const text = `short\n${"a".repeat(5000)}\n`;
    expect(getContentSkipReason({ ...blob, text })).toBe(undefined);
  });
});
