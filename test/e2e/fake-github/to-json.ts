import type {
  CheckRun,
  PullRequest,
  Repository,
  Review,
  ReviewComment,
  User,
} from "./state.js";

export function userJson(user: User) {
  return { login: user.login, id: user.login.length, type: user.type };
}

export function repositoryJson(repository: Repository) {
  return {
    id: repository.id,
    node_id: `R_${repository.id}`,
    name: repository.name,
    full_name: `${repository.owner}/${repository.name}`,
    private: false,
    owner: { login: repository.owner, id: 1001, type: "Organization" },
    default_branch: repository.defaultBranch,
  };
}

export function pullJson(repository: Repository, pull: PullRequest) {
  const repo = repositoryJson(repository);
  const headRepo = pull.fork
    ? {
        ...repo,
        id: repository.id + 100_000,
        name: repository.name,
        full_name: `contributor/${repository.name}`,
        owner: { login: "contributor", id: 2002, type: "User" },
        fork: true,
      }
    : repo;
  return {
    id: 100_000 + pull.number,
    number: pull.number,
    state: pull.state,
    draft: pull.draft,
    title: pull.title,
    user: { login: "octocat", id: 583231, type: "User" },
    head: {
      label: `${headRepo.owner.login}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      repo: headRepo,
    },
    base: {
      label: `${repository.owner}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: pull.baseSha,
      repo,
    },
  };
}

export function reviewJson(review: Review) {
  return {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: userJson(review.user),
    body: review.body,
    state: review.state,
    commit_id: review.commitId,
    ...(review.submittedAt === undefined
      ? {}
      : { submitted_at: review.submittedAt }),
  };
}

export function commentJson(comment: ReviewComment) {
  return {
    id: comment.id,
    node_id: `PRRC_${comment.id}`,
    pull_request_review_id: comment.reviewId,
    user: userJson(comment.user),
    body: comment.body,
    path: comment.path,
    line: comment.line,
    side: "RIGHT",
    start_line: comment.startLine ?? null,
    start_side: comment.startLine === undefined ? null : "RIGHT",
    commit_id: comment.commitId,
    created_at: comment.createdAt,
    ...(comment.inReplyToId === undefined
      ? {}
      : { in_reply_to_id: comment.inReplyToId }),
  };
}

export function checkRunJson(run: CheckRun) {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    status: run.status,
    conclusion: run.conclusion ?? null,
    started_at: run.startedAt ?? null,
    completed_at: run.completedAt ?? null,
    output: {
      title: run.output.title ?? null,
      summary: run.output.summary ?? null,
      text: run.output.text ?? null,
      annotations_count: run.output.annotations.length,
    },
    app: { id: 1, slug: "structra", name: "Structra" },
  };
}
