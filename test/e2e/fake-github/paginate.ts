import type { FakeResponse, RouteContext } from "./http-types.js";

/** GitHub's default and maximum page sizes of REST list endpoints. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/**
 * Responds with one page of a list with GitHub's `Link` header pointing to the
 * next page. `wrap` puts the page into an object, as the check runs
 * listing does.
 */
export function paginate(
  context: RouteContext,
  path: string,
  items: readonly unknown[],
  wrap?: (page: unknown[]) => unknown,
): FakeResponse {
  const perPage = Math.min(
    Number(context.query.get("per_page") ?? DEFAULT_PER_PAGE),
    MAX_PER_PAGE,
  );
  const page = Number(context.query.get("page") ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URLSearchParams(context.query);
    next.set("page", String(page + 1));
    next.set("per_page", String(perPage));
    headers.link = `<${context.apiUrl}${path}?${next}>; rel="next"`;
  }
  return { status: 200, body: wrap ? wrap(slice) : slice, headers };
}
