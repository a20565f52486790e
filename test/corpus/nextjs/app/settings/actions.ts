'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';

const TIMEZONES = new Set(Intl.supportedValuesOf('timeZone'));

const settingsSchema = z.object({
  displayName: z.string().min(1).max(60),
  timezone: z.string().refine((tz) => TIMEZONES.has(tz), 'Unknown time zone'),
  weeklyDigest: z.boolean(),
});

export async function updateSettings(_prev: unknown, formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) {
    return { ok: false, error: 'Please sign in again.' };
  }
  const parsed = settingsSchema.safeParse({
    displayName: formData.get('displayName'),
    timezone: formData.get('timezone'),
    weeklyDigest: formData.get('weeklyDigest') === 'on',
  });
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid input' };
  }
  await prisma.user.update({ where: { id: session.user.id }, data: parsed.data });
  revalidatePath('/settings');
  return { ok: true };
}
