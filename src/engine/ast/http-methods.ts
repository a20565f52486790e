/** Router method names for HTTP verbs, as Express, Koa Router and Fastify spell them. */
export const HTTP_METHOD_NAMES: readonly string[] = [
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "del",
  "all",
  "head",
  "options",
];
