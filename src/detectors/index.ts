import type { Detector, DetectorMeta } from "../types.js";
import { globalStateWrite } from "./global-state-write.js";
import { inMemoryJob } from "./in-memory-job.js";
import { invalidSuppressionMeta } from "./invalid-suppression.js";
import { localUpload } from "./local-upload.js";
import { memoryCache } from "./memory-cache.js";
import { memoryPubsub } from "./memory-pubsub.js";
import { memoryRateLimit } from "./memory-rate-limit.js";
import { moduleStateStore } from "./module-state-store.js";
import { realtimeLocalFanout } from "./realtime-local-fanout.js";
import { sessionMemoryStore } from "./session-memory-store.js";
import { sharedRequestVariable } from "./shared-request-variable.js";
import { singletonState } from "./singleton-state.js";

/** Every detector, in the order their findings are documented. */
export const allDetectors: readonly Detector[] = [
  sessionMemoryStore,
  moduleStateStore,
  sharedRequestVariable,
  singletonState,
  memoryRateLimit,
  memoryCache,
  realtimeLocalFanout,
  memoryPubsub,
  globalStateWrite,
  inMemoryJob,
  localUpload,
];

/** Metadata of every rule the engine reports, detectors and engine checks alike. */
export const allRules: readonly DetectorMeta[] = [
  ...allDetectors.map((detector) => detector.meta),
  invalidSuppressionMeta,
];

export function findRule(id: string): DetectorMeta | undefined {
  return allRules.find((rule) => rule.id === id);
}
