/**
 * GitHub lists at most 3,000 files of a pull request; later files are
 * missing from the response (REST docs, "List pull requests files").
 */
export const MAX_LISTED_FILES = 3000;

/**
 * GitHub returns at most 300 files when comparing two commits (REST docs,
 * "Compare two commits").
 */
export const MAX_COMPARED_FILES = 300;

/** Largest page size that GitHub's REST list endpoints accept. */
export const MAX_PER_PAGE = 100;

/** Largest `first` that GitHub's GraphQL connections accept. */
export const MAX_GRAPHQL_PAGE = 100;
