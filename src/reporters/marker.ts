const FINGERPRINT = /^[A-Za-z0-9_-]+$/;
const MARKER = /<!-- structra:fingerprint=([A-Za-z0-9_-]+) -->/g;

/**
 * Formats the hidden HTML comment that ties a review comment to a
 * finding's fingerprint, so a later run can tell what it already posted.
 *
 * @throws Error when the fingerprint has characters the marker cannot carry.
 */
export function formatMarker(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint)) {
    throw new Error(
      `invalid fingerprint ${JSON.stringify(fingerprint)}: use letters, digits, "-" or "_"`,
    );
  }
  return `<!-- structra:fingerprint=${fingerprint} -->`;
}

/** Returns the fingerprints of every marker in a comment body, in order, without repeats. */
export function parseMarkers(body: string): string[] {
  const fingerprints = new Set<string>();
  for (const match of body.matchAll(MARKER)) {
    fingerprints.add(match[1] as string);
  }
  return [...fingerprints];
}
