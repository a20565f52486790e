import type { ProbotOctokit } from "probot";

import type { SkippedFile, SourceInput } from "../types.js";
import { getContentSkipReason, type BlobContent } from "./get-skip-reason.js";
import type { PullRequestJob } from "./pull-request-job.js";

/**
 * Files per GraphQL query. This is our own bound, not GitHub's, and it
 * limits how much file text one response carries.
 */
export const FILES_PER_QUERY = 50;

export interface FetchedFiles {
  files: SourceInput[];
  skipped: SkippedFile[];
}

type BlobsResponse = {
  repository: Record<string, BlobContent | null> | null;
};

/** Fetches the files' text at the head commit, a batch per GraphQL query. */
export async function fetchFileContents(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  paths: readonly string[],
): Promise<FetchedFiles> {
  const fetched: FetchedFiles = { files: [], skipped: [] };
  for (let start = 0; start < paths.length; start += FILES_PER_QUERY) {
    const batch = paths.slice(start, start + FILES_PER_QUERY);
    const response = await octokit.graphql<BlobsResponse>(
      buildBlobsQuery(batch.length),
      buildBlobsVariables(job, batch),
    );

    batch.forEach((path, index) => {
      const blob = response.repository?.[`f${index}`] ?? null;
      if (blob === null) {
        fetched.skipped.push({ path, reason: "not a file at the head commit" });
        return;
      }
      const reason = getContentSkipReason(blob);
      if (reason !== undefined || blob.text === null) {
        fetched.skipped.push({ path, reason: reason ?? "no text content" });
        return;
      }
      fetched.files.push({ path, text: blob.text });
    });
  }
  return fetched;
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
  job: PullRequestJob,
  paths: readonly string[],
): Record<string, string> {
  const variables: Record<string, string> = {
    owner: job.owner,
    repo: job.repo,
  };
  paths.forEach((path, index) => {
    variables[`e${index}`] = `${job.headSha}:${path}`;
  });
  return variables;
}
