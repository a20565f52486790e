import type { Finding, Level } from "../types.js";
import { placeReviewComment } from "./place-review-comment.js";

/** An inline comment as the REST API's create-review `comments` accept it. */
export interface ReviewCommentDraft {
  path: string;
  /** First line of a multi-line comment. */
  start_line?: number;
  start_side?: "RIGHT";
  line: number;
  side: "RIGHT";
  body: string;
}

export interface PlannedComment {
  finding: Finding;
  draft: ReviewCommentDraft;
}

export interface ReviewCommentPlan {
  comments: PlannedComment[];
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
  /** Head-side text by path, for suggestions that span several lines. */
  sourceTexts: ReadonlyMap<string, string>;
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
    const commentable = options.commentableLines.get(finding.path);
    if (!commentable?.has(finding.line)) continue;
    if (plan.comments.length >= options.max) {
      plan.overCap.push(finding);
      continue;
    }
    plan.comments.push({
      finding,
      draft: placeReviewComment(
        finding,
        commentable,
        options.sourceTexts.get(finding.path),
      ),
    });
  }
  return plan;
}
