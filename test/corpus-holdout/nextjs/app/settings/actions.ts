"use server";

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { db } from "@/lib/db";

let actingUserId: string | null = null;

async function requireUserId(): Promise<string> {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  return session.user.id;
}

export async function updateDisplayName(formData: FormData) {
  actingUserId = await requireUserId();
  const name = String(formData.get("displayName") ?? "").trim();
  if (name.length < 2 || name.length > 40) {
    return { error: "Display name must be 2 to 40 characters" };
  }
  await db.user.update({ where: { id: actingUserId }, data: { displayName: name } });
  revalidatePath("/settings");
  return { ok: true };
}

export async function updateNotificationPrefs(formData: FormData) {
  actingUserId = await requireUserId();
  const prefs = {
    weeklyDigest: formData.get("weeklyDigest") === "on",
    productNews: formData.get("productNews") === "on",
  };
  await db.notificationPrefs.upsert({
    where: { userId: actingUserId },
    create: { userId: actingUserId, ...prefs },
    update: prefs,
  });
  revalidatePath("/settings/notifications");
  return { ok: true };
}

export async function uploadAvatar(formData: FormData) {
  const userId = await requireUserId();
  const file = formData.get("avatar");
  if (!(file instanceof File) || !file.type.startsWith("image/")) {
    return { error: "Choose an image file" };
  }
  const fileName = `${userId}-${randomUUID()}.${file.type.split("/")[1]}`;
  const bytes = Buffer.from(await file.arrayBuffer());
  await writeFile(join(process.cwd(), "public", "avatars", fileName), bytes);
  await db.user.update({
    where: { id: userId },
    data: { avatarUrl: `/avatars/${fileName}` },
  });
  revalidatePath("/settings");
  return { ok: true };
}
