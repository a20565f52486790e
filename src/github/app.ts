import type { Probot } from "probot";

import { createInProcessDispatcher } from "../queue/in-process-dispatcher.js";
import type { ReviewDispatcher } from "../queue/review-dispatcher.js";
import { completeDraftCheck } from "./complete-draft-check.js";
import { CHECK_RUN_NAME } from "./pull-request-job.js";
import { runMergeGroupCheck } from "./run-merge-group-check.js";

/** Registers Structra's webhook handlers, reviewing in the app process. */
export default (app: Probot): void => {
  registerHandlers(app, createInProcessDispatcher());
};

/**
 * Registers Structra's webhook handlers. The dispatcher runs each review
 * in the app process or queues it for the workers.
 */
export function registerHandlers(
  app: Probot,
  dispatcher: ReviewDispatcher,
): void {
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
      await dispatcher.review(context, job);
    },
  );

  app.on("check_run.rerequested", async (context) => {
    const checkRun = context.payload.check_run;
    // Other apps' check runs on the same commit are not ours to re-run.
    if (checkRun.name !== CHECK_RUN_NAME) return;
    await dispatcher.rerun(context, {
      owner: context.payload.repository.owner.login,
      repo: context.payload.repository.name,
      headSha: checkRun.head_sha,
      pullNumbers: checkRun.pull_requests.map((pull) => pull.number),
    });
  });

  app.on("check_suite.rerequested", async (context) => {
    const suite = context.payload.check_suite;
    await dispatcher.rerun(context, {
      owner: context.payload.repository.owner.login,
      repo: context.payload.repository.name,
      headSha: suite.head_sha,
      pullNumbers: suite.pull_requests.map((pull) => pull.number),
    });
  });

  // NOTE: merge group checks run in the process that received the webhook,
  // also when reviews are queued.
  app.on("merge_group.checks_requested", async (context) => {
    const { merge_group: group, repository } = context.payload;
    // The payload types make the repository optional, but GitHub always
    // sends it for a merge group in a repository.
    if (repository === undefined) return;
    await runMergeGroupCheck(context.octokit, context.log, {
      owner: repository.owner.login,
      repo: repository.name,
      headSha: group.head_sha,
      baseSha: group.base_sha,
      headRef: group.head_ref,
    });
  });
}
