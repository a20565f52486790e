import { createHmac, randomUUID } from "node:crypto";

import type { FakeGithub } from "../fake-github/fake-github.js";
import { pullJson, repositoryJson } from "../fake-github/to-json.js";

export interface Delivery {
  name: string;
  payload: Record<string, unknown>;
  /** X-GitHub-Delivery; a re-delivery keeps the first delivery's id. */
  id?: string;
}

export interface DeliveryOptions {
  /** The secret to sign with; null sends no signature header. */
  secret: string | null;
}

/** Signs a body as GitHub does, for the X-Hub-Signature-256 header. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Posts a webhook event to the app's webhook path over HTTP, signed with
 * X-Hub-Signature-256, and returns the response's status and body.
 */
export async function sendWebhook(
  appUrl: string,
  delivery: Delivery,
  options: DeliveryOptions,
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": delivery.name,
    "x-github-delivery": delivery.id ?? randomUUID(),
    "user-agent": "GitHub-Hookshot/e2e",
  };
  if (options.secret !== null) {
    headers["x-hub-signature-256"] = signBody(body, options.secret);
  }
  const response = await fetch(`${appUrl}/api/github/webhooks`, {
    method: "POST",
    headers,
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Builds the payload GitHub sends for a pull request event. */
export function buildPullRequestEvent(
  github: FakeGithub,
  fullName: string,
  number: number,
  action: string,
  installationId: number,
): Delivery {
  const repository = github.repository(fullName);
  const pull = github.pull(fullName, number);
  return {
    name: "pull_request",
    payload: {
      action,
      number,
      pull_request: pullJson(repository, pull),
      repository: repositoryJson(repository),
      installation: { id: installationId },
      sender: { login: "octocat", id: 583231, type: "User" },
    },
  };
}

/**
 * Builds the payload of a re-requested check run or check suite. GitHub
 * leaves `pull_requests` empty when the pull request comes from a fork.
 */
export function buildRerequestEvent(
  github: FakeGithub,
  fullName: string,
  kind: "check_run" | "check_suite",
  headSha: string,
  pullNumbers: number[],
  installationId: number,
): Delivery {
  const repository = github.repository(fullName);
  const pullRequests = pullNumbers.map((number) => ({
    number,
    head: { sha: headSha },
  }));
  const suite = {
    id: 5000,
    head_sha: headSha,
    head_branch: "feature",
    pull_requests: pullRequests,
  };
  const object =
    kind === "check_suite"
      ? suite
      : {
          id: 4000,
          name: "Structra F-03",
          head_sha: headSha,
          status: "completed",
          conclusion: "failure",
          app: { id: 1, slug: "structra", name: "Structra" },
          check_suite: suite,
          pull_requests: pullRequests,
        };
  return {
    name: kind,
    payload: {
      action: "rerequested",
      [kind]: object,
      repository: repositoryJson(repository),
      installation: { id: installationId },
      sender: { login: "octocat", id: 583231, type: "User" },
    },
  };
}

/** Builds the payload GitHub sends when a merge queue wants checks. */
export function buildMergeGroupEvent(
  github: FakeGithub,
  fullName: string,
  baseSha: string,
  headSha: string,
  installationId: number,
): Delivery {
  const repository = github.repository(fullName);
  return {
    name: "merge_group",
    payload: {
      action: "checks_requested",
      merge_group: {
        head_sha: headSha,
        head_ref: `refs/heads/gh-readonly-queue/main/pr-1-${baseSha}`,
        base_sha: baseSha,
        base_ref: "refs/heads/main",
        head_commit: { id: headSha, message: "Merge pull request #1" },
      },
      repository: repositoryJson(repository),
      installation: { id: installationId },
      sender: { login: "octocat", id: 583231, type: "User" },
    },
  };
}
