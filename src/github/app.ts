import type { Probot } from "probot";

import { completeDraftCheck } from "./complete-draft-check.js";
import { CHECK_RUN_NAME } from "./pull-request-job.js";
import { rerunForCommit } from "./rerun-for-commit.js";
import { runPullRequestReview } from "./run-pull-request-review.js";

/** Registers Structra's webhook handlers. */
export default (app: Probot): void => {
  app.on(
    [
      "pull_request.opened",
      "pull_request.synchronize",
      "pull_request.reopened",
      "pull_request.ready_for_review",
    ],
    async (context) => {
      const pull = context.payload.pull_request;
      const job = {
        owner: context.payload.repository.owner.login,
        repo: context.payload.repository.name,
        pullNumber: pull.number,
        headSha: pull.head.sha,
      };
      if (pull.draft) {
        await completeDraftCheck(context.octokit, job);
        return;
      }
      await runPullRequestReview(context.octokit, context.log, job);
    },
  );

  app.on("check_run.rerequested", async (context) => {
    const checkRun = context.payload.check_run;
    // Other apps' check runs on the same commit are not ours to re-run.
    if (checkRun.name !== CHECK_RUN_NAME) return;
    await rerunForCommit(context.octokit, context.log, {
      owner: context.payload.repository.owner.login,
      repo: context.payload.repository.name,
      headSha: checkRun.head_sha,
      pullNumbers: checkRun.pull_requests.map((pull) => pull.number),
    });
  });

  app.on("check_suite.rerequested", async (context) => {
    const suite = context.payload.check_suite;
    await rerunForCommit(context.octokit, context.log, {
      owner: context.payload.repository.owner.login,
      repo: context.payload.repository.name,
      headSha: suite.head_sha,
      pullNumbers: suite.pull_requests.map((pull) => pull.number),
    });
  });
};
