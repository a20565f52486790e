import { Router, type Request, type Response } from "express";
import {
  draftsByAuthor,
  isStale,
  MAX_DRAFT_BYTES,
  measureDraft,
  normalizeTags,
  type PostDraft,
} from "../stores/draft-store.js";
import { publishPost } from "../db/posts.js";

export const draftRouter = Router();

function authorOf(res: Response): string {
  return (res.locals.viewer as { id: string }).id;
}

draftRouter.put("/drafts/current", (req: Request, res: Response) => {
  const draft: PostDraft = {
    title: String(req.body.title ?? ""),
    body: String(req.body.body ?? ""),
    tags: normalizeTags(req.body.tags),
    updatedAt: Date.now(),
  };
  if (measureDraft(draft) > MAX_DRAFT_BYTES) {
    res.status(413).json({ error: `draft exceeds ${MAX_DRAFT_BYTES} bytes` });
    return;
  }
  draftsByAuthor.set(authorOf(res), draft);
  res.status(204).end();
});

draftRouter.get("/drafts/current", (_req: Request, res: Response) => {
  const draft = draftsByAuthor.get(authorOf(res));
  if (!draft || isStale(draft)) {
    res.status(404).json({ error: "no draft in progress" });
    return;
  }
  res.json(draft);
});

draftRouter.post("/drafts/current/publish", async (_req, res, next) => {
  const authorId = authorOf(res);
  const draft = draftsByAuthor.get(authorId);
  if (!draft) {
    res.status(409).json({ error: "nothing to publish" });
    return;
  }
  try {
    const post = await publishPost(authorId, draft);
    draftsByAuthor.delete(authorId);
    res.status(201).json({ id: post.id, slug: post.slug });
  } catch (err) {
    next(err);
  }
});
