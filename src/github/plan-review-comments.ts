import { formatReviewComment } from "../reporters/review-comment.js";
import type { Finding, Level } from "../types.js";

export interface ReviewCommentDraft {
  path: string;
  line: number;
  side: "RIGHT";
  body: string;
}

export interface ReviewCommentPlan {
  comments: ReviewCommentDraft[];
  /** New findings left out because the cap was reached. */
  overCap: Finding[];
  /** Findings whose marker is already in a review comment. */
  alreadyPosted: number;
}

export interface PlanOptions {
  /** Fingerprints from the markers of existing review comments. */
  postedFingerprints: ReadonlySet<string>;
  /** Lines GitHub accepts a review comment on, by path. */
  commentableLines: ReadonlyMap<string, ReadonlySet<number>>;
  max: number;
}

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, note: 2 };

/**
 * Picks the findings to comment on: new ones on commentable lines, errors
 * before warnings before notes when the cap cuts the list.
 */
export function planReviewComments(
  findings: readonly Finding[],
  options: PlanOptions,
): ReviewCommentPlan {
  const plan: ReviewCommentPlan = {
    comments: [],
    overCap: [],
    alreadyPosted: 0,
  };
  const ranked = [...findings].sort(
    (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level],
  );

  for (const finding of ranked) {
    if (options.postedFingerprints.has(finding.fingerprint)) {
      plan.alreadyPosted++;
      continue;
    }
    if (!options.commentableLines.get(finding.path)?.has(finding.line)) {
      continue;
    }
    if (plan.comments.length >= options.max) {
      plan.overCap.push(finding);
      continue;
    }
    plan.comments.push({
      path: finding.path,
      line: finding.line,
      side: "RIGHT",
      body: formatReviewComment(finding),
    });
  }
  return plan;
}
