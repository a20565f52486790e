/** Returns the HTTP status of an Octokit error, if it has one. */
export function getErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * True for a server error or a failed connection, which Octokit reports
 * as status 500. GitHub may have carried out the request before failing.
 */
export function isServerError(error: unknown): boolean {
  return (getErrorStatus(error) ?? 0) >= 500;
}

/** True for GitHub's 422 Unprocessable Entity. */
export function isUnprocessable(error: unknown): boolean {
  return getErrorStatus(error) === 422;
}

/**
 * True for the 422 GitHub returns when the author already has a pending
 * review on the pull request ("User can only have one pending review per
 * pull request"), for submitted reviews as well as pending ones.
 */
export function isPendingReviewConflict(error: unknown): boolean {
  return (
    isUnprocessable(error) &&
    error instanceof Error &&
    /one pending review/i.test(error.message)
  );
}

/** True for a rate limit response: 429, or 403 naming a rate limit. */
export function isRateLimitError(error: unknown): boolean {
  const status = getErrorStatus(error);
  if (status === 429) return true;
  return (
    status === 403 &&
    error instanceof Error &&
    /rate limit/i.test(error.message)
  );
}

/**
 * Returns the reason GitHub gave for rejecting a request: the entries of
 * its `errors` list when present, else its message.
 */
export function getGithubReason(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response
    ?.data as { message?: unknown; errors?: unknown } | undefined;
  if (Array.isArray(data?.errors) && data.errors.length > 0) {
    return data.errors
      .map((entry: unknown) =>
        typeof entry === "string"
          ? entry
          : String(
              (entry as { message?: unknown }).message ?? JSON.stringify(entry),
            ),
      )
      .join("; ");
  }
  if (typeof data?.message === "string") return data.message;
  return error instanceof Error ? error.message : String(error);
}
