/** Mode of the program: `server` serves webhooks, `worker` runs queued reviews. */
export type RunMode = "server" | "worker";

/**
 * Reads the mode from the command line (`--worker`) or from STRUCTRA_MODE;
 * the command line wins. Throws on an unknown STRUCTRA_MODE.
 */
export function readRunMode(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): RunMode {
  if (args.includes("--worker")) return "worker";
  const value = env.STRUCTRA_MODE?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "server") {
    return "server";
  }
  if (value === "worker") return "worker";
  throw new Error(
    `STRUCTRA_MODE is invalid: expected "server" or "worker", got "${env.STRUCTRA_MODE}".`,
  );
}
