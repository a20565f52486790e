export interface PostDraft {
  title: string;
  body: string;
  tags: string[];
  updatedAt: number;
}

// Unsaved editor drafts, keyed by author id.
export const draftsByAuthor = new Map<string, PostDraft>();

export const MAX_DRAFT_BYTES = 64 * 1024;
const MAX_TAGS = 8;

export function measureDraft(draft: Pick<PostDraft, "title" | "body">): number {
  return Buffer.byteLength(draft.title) + Buffer.byteLength(draft.body);
}

export function normalizeTags(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const cleaned = raw
    .filter((tag): tag is string => typeof tag === "string")
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => /^[a-z0-9-]{1,30}$/.test(tag));
  return [...new Set(cleaned)].slice(0, MAX_TAGS);
}

export function isStale(draft: PostDraft, now = Date.now()): boolean {
  return now - draft.updatedAt > 7 * 24 * 60 * 60 * 1000;
}
