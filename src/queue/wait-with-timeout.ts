import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waits for `work` at most `timeoutMs`. Resolves to true when it settled in
 * time; a rejection counts as settled, since the caller only waits.
 */
export async function waitWithTimeout(
  work: Promise<unknown>,
  timeoutMs: number,
): Promise<boolean> {
  const controller = new AbortController();
  const settled = work.then(
    () => true,
    () => true,
  );
  const timedOut = sleep(timeoutMs, false, {
    signal: controller.signal,
  }).catch(() => false);
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    controller.abort();
  }
}
