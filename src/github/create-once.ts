import { setTimeout as sleep } from "node:timers/promises";

import { isServerError } from "./classify-github-error.js";

/** Attempts at a create request before its server error is thrown. */
export const CREATE_ATTEMPTS = 3;

/** Wait before looking up the object after the first failed attempt. */
const FIRST_LOOKUP_DELAY_MS = 1000;

export interface CreateSteps<T> {
  /** Sends the create request, with the retry plugin off for it. */
  create: () => Promise<T>;
  /** Looks up the object the create request would have made. */
  find: () => Promise<T | undefined>;
}

/**
 * Creates an object, retrying server errors without creating it twice. A
 * server error may come after GitHub created the object, so after each
 * one the object is looked up, and created again only when it is not
 * found.
 */
export async function createOnce<T>(steps: CreateSteps<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await steps.create();
    } catch (error) {
      if (!isServerError(error)) throw error;
      await sleep(FIRST_LOOKUP_DELAY_MS * attempt);
      const found = await steps.find();
      if (found !== undefined) return found;
      if (attempt >= CREATE_ATTEMPTS) throw error;
    }
  }
}
