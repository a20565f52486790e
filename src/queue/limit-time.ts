/** Raised when an operation outlives its time limit. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/**
 * Resolves or rejects as `work` does, or rejects with a TimeoutError after
 * `timeoutMs`. The work itself goes on; only the wait for it ends.
 */
export async function limitTime<T>(
  work: Promise<T>,
  timeoutMs: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
