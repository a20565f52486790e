import { describe, expect, it } from "vitest";

import { formatMarker, parseMarkers } from "../../src/reporters/marker.js";

describe("formatMarker", () => {
  it("formats a hidden HTML comment", () => {
    expect(formatMarker("6a5ebbf285c9f11932a6")).toBe(
      "<!-- structra:fingerprint=6a5ebbf285c9f11932a6 -->",
    );
  });

  it("rejects a fingerprint that could end the comment", () => {
    expect(() => formatMarker("abc --> <b>x</b>")).toThrow(
      /invalid fingerprint/,
    );
    expect(() => formatMarker("")).toThrow(/invalid fingerprint/);
  });
});

describe("parseMarkers", () => {
  it("reads back what formatMarker wrote", () => {
    const body = `Finding text\n\n${formatMarker("abc123")}\n`;
    expect(parseMarkers(body)).toEqual(["abc123"]);
  });

  it("returns every fingerprint once, in order", () => {
    const body = [
      formatMarker("b2"),
      "text",
      formatMarker("a1"),
      formatMarker("b2"),
    ].join("\n");
    expect(parseMarkers(body)).toEqual(["b2", "a1"]);
  });

  it("ignores malformed and foreign markers", () => {
    const body = [
      "<!-- structra:fingerprint= -->",
      "<!-- structra:fingerprint=abc",
      "<!-- other:fingerprint=abc -->",
      "structra:fingerprint=abc",
    ].join("\n");
    expect(parseMarkers(body)).toEqual([]);
    expect(parseMarkers("")).toEqual([]);
  });
});
