import { diffTrees } from "./diff-trees.js";
import {
  fail,
  notFound,
  type FakeResponse,
  type RouteContext,
  type RouteHandler,
} from "./http-types.js";
import { paginate } from "./paginate.js";
import { findMergeBase, type CheckRun, type Repository } from "./state.js";
import { checkRunJson, pullJson } from "./to-json.js";

/** GitHub's limits, as documented for the REST endpoints served here. */
export const MAX_COMPARED_FILES = 300;
const MAX_ANNOTATIONS_PER_REQUEST = 50;
const MAX_OUTPUT_LENGTH = 65_535;

type RepositoryHandler = (
  context: RouteContext,
  repository: Repository,
) => FakeResponse;

function withRepository(handler: RepositoryHandler): RouteHandler {
  return (context) => {
    const { owner, repo } = context.params;
    const repository = context.getRepository(owner ?? "", repo ?? "");
    return repository ? handler(context, repository) : notFound();
  };
}

/** Resolves a branch name or commit id; no ref means the default branch. */
function resolveRef(repository: Repository, ref: string | null) {
  const name = ref ?? repository.defaultBranch;
  const sha = repository.branches.get(name) ?? name;
  return repository.commits.get(sha);
}

/**
 * Serves a file's content: raw text for the raw media type, else GitHub's
 * JSON with base64 content.
 */
export const getContent = withRepository((context, repository) => {
  const commit = resolveRef(repository, context.query.get("ref"));
  const path = decodeURIComponent(context.params.path ?? "");
  const text = commit?.tree.get(path);
  if (text === undefined) return notFound();

  const accept = String(context.headers.accept ?? "");
  if (accept.includes("raw")) {
    return {
      status: 200,
      raw: text,
      contentType: "application/vnd.github.raw; charset=utf-8",
    };
  }
  return {
    status: 200,
    body: {
      type: "file",
      encoding: "base64",
      path,
      size: Buffer.byteLength(text),
      content: Buffer.from(text).toString("base64"),
    },
  };
});

/** Compares `base...head` against their merge base, at most 300 files. */
export const compare = withRepository((context, repository) => {
  const [base = "", head = ""] = (context.params.basehead ?? "").split("...");
  const baseCommit = resolveRef(repository, base);
  const headCommit = resolveRef(repository, head);
  if (!baseCommit || !headCommit) return notFound();
  const mergeBase = findMergeBase(repository, baseCommit.sha, headCommit.sha);
  const mergeBaseCommit = mergeBase && repository.commits.get(mergeBase);
  if (!mergeBaseCommit)
    return fail(404, "No common ancestor between the commits");

  const files = diffTrees(mergeBaseCommit.tree, headCommit.tree)
    .slice(0, MAX_COMPARED_FILES)
    .map(({ hunks: _hunks, ...file }) => ({ sha: "0".repeat(40), ...file }));
  return {
    status: 200,
    body: {
      status: "ahead",
      merge_base_commit: { sha: mergeBaseCommit.sha },
      base_commit: { sha: baseCommit.sha },
      ahead_by: 1,
      behind_by: 0,
      total_commits: 1,
      commits: [],
      files,
    },
  };
});

/** Lists the pull requests whose head is the commit, in this repository only. */
export const listCommitPulls = withRepository((context, repository) => {
  const sha = context.params.commit_sha;
  const pulls = [...repository.pulls.values()]
    .filter((pull) => pull.headSha === sha && !pull.fork)
    .map((pull) => pullJson(repository, pull));
  return paginate(
    context,
    `/repos/${repository.owner}/${repository.name}/commits/${sha}/pulls`,
    pulls,
  );
});

export const createCheckRun = withRepository((context, repository) => {
  const body = context.body;
  if (typeof body.name !== "string" || typeof body.head_sha !== "string") {
    return fail(422, "Invalid request", ["name and head_sha are required"]);
  }
  if (!repository.commits.has(body.head_sha)) {
    return fail(422, "No commit found for SHA: " + body.head_sha);
  }
  const run: CheckRun = {
    id: context.nextId(),
    name: body.name,
    headSha: body.head_sha,
    status: "queued",
    output: { annotations: [] },
    annotationRequests: [],
  };
  const invalid = applyCheckRunUpdate(run, body);
  if (invalid) return invalid;
  repository.checkRuns.push(run);
  return { status: 201, body: checkRunJson(run) };
});

export const updateCheckRun = withRepository((context, repository) => {
  const run = repository.checkRuns.find(
    (entry) => entry.id === Number(context.params.check_run_id),
  );
  if (!run) return notFound();
  const invalid = applyCheckRunUpdate(run, context.body);
  return invalid ?? { status: 200, body: checkRunJson(run) };
});

export const listCheckRunsForRef = withRepository((context, repository) => {
  const ref = context.params.ref ?? "";
  const sha = repository.branches.get(ref) ?? ref;
  const name = context.query.get("check_name");
  const runs = repository.checkRuns
    .filter((run) => run.headSha === sha && (!name || run.name === name))
    .reverse()
    .map(checkRunJson);
  return paginate(
    context,
    `/repos/${repository.owner}/${repository.name}/commits/${ref}/check-runs`,
    runs,
    (page) => ({ total_count: runs.length, check_runs: page }),
  );
});

/**
 * Applies a create or update body to a check run. Annotations add to the
 * earlier ones, as on GitHub, at most 50 per request.
 */
function applyCheckRunUpdate(
  run: CheckRun,
  body: Record<string, unknown>,
): FakeResponse | undefined {
  const output = body.output as Record<string, unknown> | undefined;
  const annotations = (output?.annotations ?? []) as Record<string, unknown>[];
  if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST) {
    return fail(422, "Invalid request.", [
      `Only ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request.`,
    ]);
  }
  for (const field of ["summary", "text"] as const) {
    const value = output?.[field];
    if (typeof value === "string" && value.length > MAX_OUTPUT_LENGTH) {
      return fail(422, "Invalid request.", [
        `output.${field} is too long (maximum is ${MAX_OUTPUT_LENGTH} characters)`,
      ]);
    }
  }
  if (body.status === "completed" && body.conclusion === undefined) {
    return fail(422, "Invalid request.", ["conclusion is required"]);
  }

  if (typeof body.status === "string") run.status = body.status;
  if (typeof body.conclusion === "string") {
    run.conclusion = body.conclusion;
    run.status = "completed";
  }
  if (typeof body.external_id === "string") run.externalId = body.external_id;
  if (typeof body.started_at === "string") run.startedAt = body.started_at;
  if (typeof body.completed_at === "string")
    run.completedAt = body.completed_at;
  if (output) {
    for (const field of ["title", "summary", "text"] as const) {
      const value = output[field];
      if (typeof value === "string") run.output[field] = value;
    }
    run.output.annotations.push(...annotations);
    if (annotations.length > 0) run.annotationRequests.push(annotations.length);
  }
  return undefined;
}
