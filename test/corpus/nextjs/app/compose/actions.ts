'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';

type Draft = { title: string; body: string; tags: string[]; savedAt: number };

const drafts = new Map<string, Draft>();

async function requireUserId(): Promise<string> {
  const session = await auth();
  if (!session?.user?.id) redirect('/signin');
  return session.user.id;
}

export async function saveDraft(formData: FormData) {
  const userId = await requireUserId();
  drafts.set(userId, {
    title: String(formData.get('title') ?? ''),
    body: String(formData.get('body') ?? ''),
    tags: String(formData.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    savedAt: Date.now(),
  });
  revalidatePath('/compose');
}

export async function loadDraft(): Promise<Draft | null> {
  const userId = await requireUserId();
  return drafts.get(userId) ?? null;
}

export async function publishDraft() {
  const userId = await requireUserId();
  const draft = drafts.get(userId);
  if (!draft) return { error: 'Nothing to publish' };
  const post = await prisma.post.create({
    data: { authorId: userId, title: draft.title, body: draft.body, tags: draft.tags },
  });
  drafts.delete(userId);
  redirect(`/posts/${post.id}`);
}
