/** A block of markdown whose items may be left out to save space. */
export interface MarkdownSection {
  /** Heading, introduction or table header; always kept whole. */
  header: string;
  /** Table rows or list entries; never cut, only left out from the end. */
  items: readonly string[];
  /** Maximum number of items shown, even when there is space for more. */
  maxItems?: number;
  /** Separator between items; one newline by default. */
  itemSeparator?: string;
  /** Sentence that stands for the items left out. */
  formatOmitted: (count: number) => string;
}

const SECTION_SEPARATOR = "\n\n";
/** Room kept per section for the sentence about omitted items. */
const OMITTED_SENTENCE_ALLOWANCE = 120;

/**
 * Renders sections, joined by blank lines, in at most `maxLength`
 * characters. Headers are always kept. The space left is shared out
 * evenly: sections whose items fit within an equal share keep them all,
 * and the larger ones split the rest, keeping the items that fit from
 * their start. Items left out are counted in a sentence after a blank
 * line, so it never joins a table. If the headers alone are too long,
 * whole sections are left out from the end.
 */
export function renderSections(
  sections: readonly MarkdownSection[],
  maxLength: number,
): string {
  const visible = sections.map((section) =>
    section.items.slice(0, section.maxItems ?? section.items.length),
  );
  let text = renderAll(
    sections,
    visible.map((items) => items.length),
  );
  if (text.length <= maxLength) return text;

  const fixedLength = sections.reduce(
    (total, section) =>
      total +
      section.header.length +
      SECTION_SEPARATOR.length +
      OMITTED_SENTENCE_ALLOWANCE,
    0,
  );
  const itemLengths = sections.map((section, index) =>
    measureItems(section, visible[index] ?? []),
  );
  const shares = shareSpace(itemLengths, maxLength - fixedLength);
  const shownCounts = sections.map((section, index) =>
    countItemsWithin(section, visible[index] ?? [], shares[index] ?? 0),
  );
  text = renderAll(sections, shownCounts);

  let keptSections = sections.length;
  while (text.length > maxLength && keptSections > 0) {
    keptSections--;
    text = renderAll(sections.slice(0, keptSections), shownCounts);
  }
  return text;
}

/**
 * Shares `space` among demands. No demand receives more than its own
 * size, and all demands that are cut receive the same share.
 */
function shareSpace(demands: readonly number[], space: number): number[] {
  const shares = demands.map(() => 0);
  const order = demands
    .map((demand, index) => ({ demand, index }))
    .sort((a, b) => a.demand - b.demand);

  let remaining = Math.max(space, 0);
  order.forEach(({ demand, index }, position) => {
    const equalShare = remaining / (order.length - position);
    const share = Math.min(demand, equalShare);
    shares[index] = share;
    remaining -= share;
  });
  return shares;
}

function measureItems(
  section: MarkdownSection,
  items: readonly string[],
): number {
  const separatorLength = (section.itemSeparator ?? "\n").length;
  return items.reduce(
    (total, item) => total + item.length + separatorLength,
    0,
  );
}

/** Counts the leading items that fit in `space` characters. */
function countItemsWithin(
  section: MarkdownSection,
  items: readonly string[],
  space: number,
): number {
  const separatorLength = (section.itemSeparator ?? "\n").length;
  let used = 0;
  let count = 0;
  for (const item of items) {
    used += item.length + separatorLength;
    if (used > space) break;
    count++;
  }
  return count;
}

function renderAll(
  sections: readonly MarkdownSection[],
  shownCounts: readonly number[],
): string {
  return sections
    .map((section, index) => renderSection(section, shownCounts[index] ?? 0))
    .join(SECTION_SEPARATOR);
}

function renderSection(section: MarkdownSection, shownCount: number): string {
  const separator = section.itemSeparator ?? "\n";
  const items = section.items.slice(0, shownCount);
  const omitted = section.items.length - shownCount;

  let text = section.header;
  if (items.length > 0) text += separator + items.join(separator);
  if (omitted > 0) text += SECTION_SEPARATOR + section.formatOmitted(omitted);
  return text;
}
