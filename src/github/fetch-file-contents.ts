import type { ProbotOctokit } from "probot";

import type { SkippedFile, SourceInput } from "../types.js";
import { getContentSkipReason, type BlobContent } from "./get-skip-reason.js";

/**
 * Files per GraphQL query. This is our own bound, not GitHub's, and it
 * limits how much file text one response carries.
 */
export const FILES_PER_QUERY = 50;

/** A repository at one commit. */
export interface CommitRef {
  owner: string;
  repo: string;
  sha: string;
}

export interface FetchedFiles {
  files: SourceInput[];
  skipped: SkippedFile[];
}

type BlobsResponse = {
  repository: Record<string, BlobContent | null> | null;
};

/**
 * Fetches the files' text at the commit, a batch per GraphQL query,
 * leaving out binary, large, truncated and minified files with the reason.
 */
export async function fetchFileContents(
  octokit: ProbotOctokit,
  commit: CommitRef,
  paths: readonly string[],
): Promise<FetchedFiles> {
  const fetched: FetchedFiles = { files: [], skipped: [] };
  const blobs = await fetchBlobs(octokit, commit, paths);
  for (const path of paths) {
    const blob = blobs.get(path) ?? null;
    if (blob === null) {
      fetched.skipped.push({ path, reason: "not a file at the head commit" });
      continue;
    }
    const reason = getContentSkipReason(blob);
    if (reason !== undefined || blob.text === null) {
      fetched.skipped.push({ path, reason: reason ?? "no text content" });
      continue;
    }
    fetched.files.push({ path, text: blob.text });
  }
  return fetched;
}

/**
 * Fetches the blobs at the paths of the commit, a batch per GraphQL
 * query. A path that is not a file at the commit maps to null.
 */
export async function fetchBlobs(
  octokit: ProbotOctokit,
  commit: CommitRef,
  paths: readonly string[],
): Promise<Map<string, BlobContent | null>> {
  const blobs = new Map<string, BlobContent | null>();
  for (let start = 0; start < paths.length; start += FILES_PER_QUERY) {
    const batch = paths.slice(start, start + FILES_PER_QUERY);
    const response = await octokit.graphql<BlobsResponse>(
      buildBlobsQuery(batch.length),
      buildBlobsVariables(commit, batch),
    );
    batch.forEach((path, index) => {
      blobs.set(path, response.repository?.[`f${index}`] ?? null);
    });
  }
  return blobs;
}

/**
 * Builds one query with an aliased `object` lookup per file. Paths go in
 * as variables, so quotes or backslashes in a file name cannot change the
 * query.
 */
export function buildBlobsQuery(count: number): string {
  const parameters: string[] = [];
  const lookups: string[] = [];
  for (let index = 0; index < count; index++) {
    parameters.push(`$e${index}: String!`);
    lookups.push(
      `f${index}: object(expression: $e${index}) { ... on Blob { text byteSize isBinary isTruncated } }`,
    );
  }
  return [
    `query ($owner: String!, $repo: String!, ${parameters.join(", ")}) {`,
    "  repository(owner: $owner, name: $repo) {",
    ...lookups.map((lookup) => `    ${lookup}`),
    "  }",
    "}",
  ].join("\n");
}

function buildBlobsVariables(
  commit: CommitRef,
  paths: readonly string[],
): Record<string, string> {
  const variables: Record<string, string> = {
    owner: commit.owner,
    repo: commit.repo,
  };
  paths.forEach((path, index) => {
    variables[`e${index}`] = `${commit.sha}:${path}`;
  });
  return variables;
}
