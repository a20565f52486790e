import { describe, expect, it } from "vitest";

import {
  formatReviewMarker,
  parseReviewMarker,
} from "../../src/github/review-marker.js";

describe("review marker", () => {
  it("round-trips the run id and time", () => {
    const marker = {
      runId: "6f1c2a9e-0b7d-4a1e-9c3f-2d8e5b7a1c40",
      createdAt: new Date("2026-03-01T12:34:56.789Z"),
    };
    const body = `Structra found 1 new finding.\n\n${formatReviewMarker(marker)}`;

    expect(parseReviewMarker(body)).toEqual(marker);
  });

  it("ignores a body without a marker", () => {
    expect(parseReviewMarker("Looks good to me.")).toBeUndefined();
    expect(parseReviewMarker(null)).toBeUndefined();
  });

  it("ignores a marker with an invalid time", () => {
    expect(
      parseReviewMarker(
        "<!-- structra:review run=abc created=9999-99-99T99:99:99Z -->",
      ),
    ).toBeUndefined();
  });
});
