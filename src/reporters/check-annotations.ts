import type { Finding, Level } from "../types.js";
import {
  MAX_ANNOTATION_MESSAGE_BYTES,
  MAX_ANNOTATION_TITLE_LENGTH,
  MAX_ANNOTATIONS_PER_REQUEST,
} from "./github-limits.js";
import { truncateText, truncateUtf8 } from "./truncate-text.js";

/** An annotation as the Checks API accepts it in `output.annotations`. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Set only when the finding starts and ends on one line, as the API requires. */
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  /** Plain text: the finding and its fix. */
  message: string;
  /** Plain text: why the pattern breaks scaling, and the docs link. */
  raw_details?: string;
}

const ANNOTATION_LEVELS: Readonly<
  Record<Level, CheckAnnotation["annotation_level"]>
> = {
  error: "failure",
  warning: "warning",
  note: "notice",
};

/** Formats a finding as a check-run annotation, within the API's size limits. */
export function formatAnnotation(finding: Finding): CheckAnnotation {
  const sameLine = finding.line === finding.endLine;
  const message = `${finding.message}\n\nFix: ${finding.fix}`;
  const details = `Why it breaks scaling: ${finding.why}\n\nDocumentation: ${finding.docsUrl}`;

  return {
    path: finding.path,
    start_line: finding.line,
    end_line: finding.endLine,
    ...(sameLine
      ? { start_column: finding.column, end_column: finding.endColumn }
      : {}),
    annotation_level: ANNOTATION_LEVELS[finding.level],
    title: truncateText(
      `${finding.ruleId}: ${finding.title}`,
      MAX_ANNOTATION_TITLE_LENGTH,
    ),
    message: truncateUtf8(message, MAX_ANNOTATION_MESSAGE_BYTES),
    raw_details: truncateUtf8(details, MAX_ANNOTATION_MESSAGE_BYTES),
  };
}

/**
 * Splits annotations into batches for successive create and update
 * requests, since the Checks API accepts a limited number per request.
 */
export function chunkAnnotations<T>(
  list: readonly T[],
  size: number = MAX_ANNOTATIONS_PER_REQUEST,
): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(
      `invalid batch size ${size}: use a whole number of 1 or more`,
    );
  }
  const batches: T[][] = [];
  for (let start = 0; start < list.length; start += size) {
    batches.push(list.slice(start, start + size));
  }
  return batches;
}
