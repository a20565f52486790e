/** A `structra-disable-*` comment found in a file. */
export interface SuppressionComment {
  /** 1-based line of the comment. */
  line: number;
  /** 0-based offset of the comment marker within its line. */
  column: number;
  /** 1-based line the comment applies to. */
  targetLine: number;
  /** Rule ids named (`F-03/<id>`); empty means every rule. */
  ruleIds: string[];
  /** The text after `--`; empty when missing. */
  reason: string;
  /** The comment from the marker on, for messages. */
  text: string;
}

const MARKER =
  /(?:\/\/|\/\*|\*)\s*structra-disable-(next-line|line)\b([^\n]*?)(?:\*\/\s*)?$/;

/** Finds suppression comments; a file without the marker costs one substring search. */
export function findSuppressions(text: string): SuppressionComment[] {
  if (!text.includes("structra-disable")) return [];
  const found: SuppressionComment[] = [];
  const lines = text.split(/\r?\n/);

  lines.forEach((lineText, index) => {
    const match = MARKER.exec(lineText);
    if (!match) return;
    const [, mode, rest = ""] = match;
    const separator = rest.indexOf("--");
    const rulesPart = separator === -1 ? rest : rest.slice(0, separator);
    const reason =
      separator === -1
        ? ""
        : rest
            .slice(separator + 2)
            .replace(/\*\/\s*$/, "")
            .trim();
    const ruleIds = rulesPart
      .split(/[\s,]+/)
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    found.push({
      line: index + 1,
      targetLine: mode === "next-line" ? index + 2 : index + 1,
      ruleIds,
      reason,
      column: match.index,
      text: lineText.slice(match.index).trim(),
    });
  });
  return found;
}

/** True when the comment covers the rule on its target line. */
export function coversRule(
  comment: SuppressionComment,
  ruleId: string,
): boolean {
  return comment.ruleIds.length === 0 || comment.ruleIds.includes(ruleId);
}
