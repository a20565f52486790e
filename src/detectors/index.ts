import type { Detector, DetectorMeta } from "../types.js";
import { invalidSuppressionMeta } from "./invalid-suppression.js";
import { sessionMemoryStore } from "./session-memory-store.js";

/** Every detector, in the order their findings are documented. */
export const allDetectors: readonly Detector[] = [sessionMemoryStore];

/** Metadata of every rule the engine reports, detectors and engine checks alike. */
export const allRules: readonly DetectorMeta[] = [
  ...allDetectors.map((detector) => detector.meta),
  invalidSuppressionMeta,
];

export function findRule(id: string): DetectorMeta | undefined {
  return allRules.find((rule) => rule.id === id);
}
