// Source files of the pull requests in the end-to-end tests.

/** A server whose express-session keeps sessions in memory, on line 5. */
export const SESSION_SERVER = `import express from "express";
import session from "express-session";

const app = express();
app.use(session({ secret: "keyboard cat" }));
app.listen(3000);
`;

export const SESSION_LINE = 5;

/** A route without findings. */
export const HEALTH_ROUTE = `import express from "express";

export const router = express.Router();
router.get("/health", (req, res) => res.json({ ok: true }));
`;

/** Builds a server with one in-memory session on line 5 of `name`. */
export function buildSessionServer(secret: string): string {
  return SESSION_SERVER.replace("keyboard cat", secret);
}

/** Builds GitHub's `patch` of a file added with this text. */
export function buildAddedPatch(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return [
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map((line) => `+${line}`),
  ].join("\n");
}
