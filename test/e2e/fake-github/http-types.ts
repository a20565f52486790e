import type { Repository, User } from "./state.js";

/** What a route handler returns; the server serialises `body` as JSON. */
export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON, with `contentType`. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The user the installation token acts as. */
  user: User;
  /** Base URL of the REST API, for Link headers. */
  apiUrl: string;
  getRepository: (owner: string, name: string) => Repository | undefined;
  nextId: () => number;
}

export type RouteHandler = (context: RouteContext) => FakeResponse;

/** Builds a response in the shape of GitHub's REST errors. */
export function fail(
  status: number,
  message: string,
  errors?: unknown[],
): FakeResponse {
  return {
    status,
    body: {
      message,
      ...(errors === undefined ? {} : { errors }),
      documentation_url: "https://docs.github.com/rest",
      status: String(status),
    },
  };
}

export function notFound(): FakeResponse {
  return fail(404, "Not Found");
}
