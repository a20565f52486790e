import express from 'express';
import Keyv from 'keyv';
import { requireAuth } from './middleware/auth.js';

type FormDraft = { formId: string; fields: Record<string, string>; savedAt: number };

const drafts = new Keyv<FormDraft>({ namespace: 'form-drafts', ttl: 3 * 24 * 3600 * 1000 });

export const formsRouter = express.Router();

formsRouter.put('/forms/:formId/draft', requireAuth, async (req, res) => {
  const draft: FormDraft = { formId: req.params.formId, fields: req.body.fields ?? {}, savedAt: Date.now() };
  await drafts.set(`${req.user!.id}:${req.params.formId}`, draft);
  res.json(draft);
});

formsRouter.get('/forms/:formId/draft', requireAuth, async (req, res) => {
  const draft = await drafts.get(`${req.user!.id}:${req.params.formId}`);
  if (!draft) {
    res.status(404).json({ error: 'no saved draft' });
    return;
  }
  res.json(draft);
});
