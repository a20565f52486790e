/**
 * Largest file the app analyses. Files above it are generated or bundled
 * far more often than hand-written, and their text would dominate the
 * GraphQL response.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/** First-line length above which a file counts as minified. */
export const MAX_FIRST_LINE_LENGTH = 1000;

const VENDORED_DIRECTORY = /(^|\/)(node_modules|vendor|dist|build|coverage)\//;
const GENERATED_FILE = /\.generated\.[^/]+$/;
const MINIFIED_FILE = /\.min\.[cm]?js$/;

/** The fields the GraphQL API returns for a blob. */
export interface BlobContent {
  text: string | null;
  byteSize: number;
  isBinary: boolean;
  isTruncated: boolean;
}

/** Returns why a path is left out before its content is fetched, if it is. */
export function getPathSkipReason(path: string): string | undefined {
  const vendored = VENDORED_DIRECTORY.exec(path);
  if (vendored) return `vendored or build output (${vendored[2]}/)`;
  if (GENERATED_FILE.test(path)) return "generated file (*.generated.*)";
  if (MINIFIED_FILE.test(path)) return "minified file (*.min.js)";
  return undefined;
}

/** Returns why a fetched file is left out, if it is. */
export function getContentSkipReason(blob: BlobContent): string | undefined {
  if (blob.isBinary) return "binary file";
  if (blob.byteSize > MAX_FILE_BYTES) {
    return `larger than 1 MiB (${blob.byteSize} bytes)`;
  }
  if (blob.isTruncated || blob.text === null) {
    return "GitHub returned truncated content";
  }

  const newline = blob.text.indexOf("\n");
  const firstLineLength = newline === -1 ? blob.text.length : newline;
  if (firstLineLength > MAX_FIRST_LINE_LENGTH) {
    return `minified (first line longer than ${MAX_FIRST_LINE_LENGTH} characters)`;
  }
  return undefined;
}
