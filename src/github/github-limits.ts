/**
 * GitHub lists at most 3,000 files of a pull request; later files are
 * missing from the response (REST docs, "List pull requests files").
 */
export const MAX_LISTED_FILES = 3000;

/** Largest page size that GitHub's REST list endpoints accept. */
export const MAX_PER_PAGE = 100;
