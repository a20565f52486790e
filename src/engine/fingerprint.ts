import { createHash } from "node:crypto";

/**
 * Computes a finding's identity from its detector, path and the flagged
 * construct's text with white space folded, so moving code above it or
 * re-indenting it keeps the fingerprint.
 */
export function computeFingerprint(
  detectorId: string,
  path: string,
  constructText: string,
): string {
  const normalized = constructText.replace(/\s+/g, " ").trim();
  return createHash("sha256")
    .update(`${detectorId}\n${path}\n${normalized}`)
    .digest("hex")
    .slice(0, 20);
}
