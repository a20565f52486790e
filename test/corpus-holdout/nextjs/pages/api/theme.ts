import type { NextApiRequest, NextApiResponse } from "next";
import { getServerSession } from "next-auth/next";
import { authOptions } from "../../lib/auth-options";
import { saveThemePreference } from "../../lib/preferences";

type Theme = "light" | "dark" | "system";

const THEMES: readonly Theme[] = ["light", "dark", "system"];

declare global {
  // Read by the admin dashboard's "recent activity" widget.
  var lastThemeChange: { email: string; theme: Theme; at: number } | undefined;
}

export default async function handler(
  req: NextApiRequest,
  res: NextApiResponse,
) {
  if (req.method !== "PUT") {
    res.setHeader("Allow", "PUT");
    return res.status(405).json({ error: `method ${req.method} not allowed` });
  }

  const session = await getServerSession(req, res, authOptions);
  const email = session?.user?.email;
  if (!email) return res.status(401).json({ error: "not signed in" });

  const theme = req.body?.theme as Theme;
  if (!THEMES.includes(theme)) {
    return res
      .status(400)
      .json({ error: `theme must be one of ${THEMES.join(", ")}` });
  }

  await saveThemePreference(email, theme);
  globalThis.lastThemeChange = { email, theme, at: Date.now() };
  return res.status(200).json({ theme });
}
