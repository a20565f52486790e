import { describe, expect, it } from "vitest";

import {
  truncateText,
  truncateUtf8,
} from "../../src/reporters/truncate-text.js";

describe("truncateText", () => {
  it("keeps text that fits", () => {
    expect(truncateText("short", 5)).toBe("short");
  });

  it("ends shortened text with an ellipsis", () => {
    expect(truncateText("abcdefgh", 5)).toBe("abcd…");
  });

  it("does not split a surrogate pair", () => {
    const text = "abc😀def";
    const shortened = truncateText(text, 5);
    expect(shortened).toBe("abc…");
    expect(shortened).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("truncateUtf8", () => {
  it("keeps text within the byte limit", () => {
    expect(truncateUtf8("héllo", 6)).toBe("héllo");
  });

  it("shortens multi-byte text to the byte limit", () => {
    const text = "€".repeat(100);
    const shortened = truncateUtf8(text, 64);

    expect(Buffer.byteLength(shortened, "utf8")).toBeLessThanOrEqual(64);
    expect(shortened).toBe(`${"€".repeat(20)}…`);
  });

  it("keeps as much ASCII as fits", () => {
    const shortened = truncateUtf8("a".repeat(70_000), 65_536);
    expect(Buffer.byteLength(shortened, "utf8")).toBe(65_536);
  });
});
