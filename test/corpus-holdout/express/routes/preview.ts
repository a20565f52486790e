import { Router, type Request, type Response } from "express";
import { randomBytes } from "node:crypto";
import { renderEmailTemplate } from "../mail/render.js";

interface PreviewEntry {
  html: string;
  ownerId: string;
  createdAt: number;
}

const PREVIEW_TTL_MS = 15 * 60 * 1000;

// structra-disable-next-line F-03/module-state-store -- internal admin tool run as one replica; a lost preview is re-rendered with one click
const previews = new Map<string, PreviewEntry>();

export const previewRouter = Router();

previewRouter.post("/previews", async (req: Request, res: Response) => {
  const ownerId = (res.locals.viewer as { id: string }).id;
  const html = await renderEmailTemplate(
    String(req.body.template),
    req.body.data ?? {},
  );
  const id = randomBytes(12).toString("base64url");
  previews.set(id, { html, ownerId, createdAt: Date.now() });
  res.status(201).json({ url: `/previews/${id}` });
});

previewRouter.get("/previews/:id", (req: Request, res: Response) => {
  const entry = previews.get(req.params.id ?? "");
  const viewerId = (res.locals.viewer as { id: string }).id;
  if (!entry || entry.ownerId !== viewerId) {
    res.status(404).send("Preview not found or expired");
    return;
  }
  res.type("html").send(entry.html);
});

setInterval(() => {
  const cutoff = Date.now() - PREVIEW_TTL_MS;
  for (const [id, entry] of previews) {
    if (entry.createdAt < cutoff) previews.delete(id);
  }
}, 60_000).unref();
