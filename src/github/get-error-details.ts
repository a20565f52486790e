/** Maximum length of an error message kept, in characters. */
const MAX_MESSAGE_LENGTH = 1000;

export interface ErrorDetails {
  name: string;
  message: string;
  status?: number;
  requestId?: string;
  stack?: string;
}

/**
 * Extracts what is safe to show and log from an error. Octokit errors carry
 * the request and response, and a GraphQL error carries the partial data,
 * which can contain file contents, so none of those are kept.
 */
export function getErrorDetails(error: unknown): ErrorDetails {
  if (!(error instanceof Error)) {
    return { name: "Error", message: truncate(String(error)) };
  }

  const details: ErrorDetails = {
    name: error.name,
    message: truncate(error.message.replace(/\s+/g, " ").trim()),
  };
  if (error.stack !== undefined) details.stack = error.stack;
  const { status, response } = error as {
    status?: unknown;
    response?: { headers?: Record<string, unknown> };
  };
  if (typeof status === "number") details.status = status;
  const requestId = response?.headers?.["x-github-request-id"];
  if (typeof requestId === "string") details.requestId = requestId;
  return details;
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…`
    : message;
}
