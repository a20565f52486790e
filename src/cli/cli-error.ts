/** Exit statuses of the command line, relied on by CI scripts. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** An error in the user's invocation, configuration or input: exit status 2. */
export class CliError extends Error {
  override readonly name = "CliError";
}
