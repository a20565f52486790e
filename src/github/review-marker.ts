const REVIEW_MARKER =
  /<!-- structra:review run=([A-Za-z0-9-]+) created=([0-9T:.Z-]+) -->/;

/** The hidden marker in the body of a review this app creates. */
export interface ReviewMarker {
  /** Id of the run that created the review. */
  runId: string;
  /** When the run created it, by the run's clock. */
  createdAt: Date;
}

/**
 * Formats the hidden HTML comment that names the run that created a
 * review and when. A pending review is visible only to its author, the
 * app, so this is how a run distinguishes its own pending review from
 * another run's, and a fresh one from a crashed run's leftover.
 */
export function formatReviewMarker(marker: ReviewMarker): string {
  return `<!-- structra:review run=${marker.runId} created=${marker.createdAt.toISOString()} -->`;
}

/** Returns the review marker in a body, if it has a valid one. */
export function parseReviewMarker(
  body: string | null | undefined,
): ReviewMarker | undefined {
  const match = REVIEW_MARKER.exec(body ?? "");
  if (!match) return undefined;
  const createdAt = new Date(match[2] as string);
  if (Number.isNaN(createdAt.getTime())) return undefined;
  return { runId: match[1] as string, createdAt };
}
