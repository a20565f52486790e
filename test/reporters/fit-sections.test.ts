import { describe, expect, it } from "vitest";

import {
  renderSections,
  type MarkdownSection,
} from "../../src/reporters/fit-sections.js";

function createList(name: string, count: number, width = 10): MarkdownSection {
  return {
    header: `### ${name}\n`,
    items: Array.from({ length: count }, (_, index) =>
      `- ${name}-${index}`.padEnd(width, "."),
    ),
    formatOmitted: (omitted) => `…and ${omitted} more ${name}.`,
  };
}

describe("renderSections", () => {
  it("renders everything that fits", () => {
    const text = renderSections(
      [createList("a", 2), createList("b", 1)],
      1_000,
    );
    expect(text).toBe("### a\n\n- a-0.....\n- a-1.....\n\n### b\n\n- b-0.....");
  });

  it("applies maxItems even when there is space", () => {
    const section = { ...createList("a", 30), maxItems: 20 };
    const text = renderSections([section], 100_000);

    expect(text).toContain("- a-19");
    expect(text).not.toContain("- a-20");
    expect(text.endsWith("\n\n…and 10 more a.")).toBe(true);
  });

  it("keeps small sections whole and cuts the large ones evenly", () => {
    const sections = [
      createList("big", 1_000, 50),
      createList("small", 5, 50),
      createList("huge", 5_000, 50),
    ];
    const text = renderSections(sections, 20_000);
    const countShown = (name: string) =>
      text.split("\n").filter((line) => line.startsWith(`- ${name}-`)).length;

    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(countShown("small")).toBe(5);
    expect(countShown("big")).toBeGreaterThan(150);
    expect(
      Math.abs(countShown("big") - countShown("huge")),
    ).toBeLessThanOrEqual(1);
    expect(text).toMatch(/\.\n\n…and \d+ more big\.\n\n### small/);
  });

  it("leaves out trailing sections whose headers do not fit", () => {
    const sections = [
      { header: "a".repeat(50), items: [], formatOmitted: () => "" },
      { header: "b".repeat(50), items: [], formatOmitted: () => "" },
    ];
    expect(renderSections(sections, 60)).toBe("a".repeat(50));
  });
});
