import { ts } from "ts-morph";

import {
  getDecoratorNames,
  getObjectPropertyValue,
  getPropertyName,
  getStringValue,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import { findNestRoute, type RouteMount } from "./request-site.js";

/**
 * Paths and names of endpoints an attacker brute-forces: login, sign-up,
 * one-time codes, password resets and verification links. `auth` excludes
 * `author` so `/authors` is not an auth route.
 */
const AUTH_PATTERN =
  /log-?in|sign-?in|sign-?up|register|auth(?!or)|otp|2fa|mfa|totp|passw(or)?d|reset|forgot|verif|magic|brute/i;

export function isAuthText(text: string): boolean {
  return AUTH_PATTERN.test(text);
}

/** The sentence that ends a message about a limiter on an auth endpoint. */
export const GUESSING_CLAUSE =
  "where the limit stops password or code guessing";

/** Describes the first mount whose path names an auth endpoint: "It guards POST /login, where ...". */
export function describeAuthMount(
  mounts: readonly RouteMount[],
): string | undefined {
  const mount = mounts.find(
    (candidate) => candidate.path !== undefined && isAuthText(candidate.path),
  );
  if (!mount?.path) return undefined;
  const target =
    mount.method === "USE"
      ? `the routes under ${mount.path}`
      : `${mount.method} ${mount.path}`;
  return `It guards ${target}, ${GUESSING_CLAUSE}.`;
}

/**
 * Finds a Nest endpoint with its own `@Throttle(...)` limit whose method
 * name or route names an auth endpoint, anywhere in the run, and describes
 * it in a sentence.
 */
export function findThrottledAuthEndpoint(
  project: ProjectFacts,
): string | undefined {
  for (const file of project.listFilesWith(["decorator:Throttle"])) {
    for (const declaration of file.walk.classes) {
      for (const member of declaration.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        if (!getDecoratorNames(member).includes("Throttle")) continue;
        const route = findNestRoute(member);
        const name = getPropertyName(member.name) ?? "";
        const endpoint =
          route?.path && isAuthText(route.path)
            ? `${route.method} ${route.path}`
            : isAuthText(name)
              ? `\`${name}\``
              : undefined;
        if (endpoint)
          return `${endpoint} sets its own @Throttle limit on these counters, ${GUESSING_CLAUSE}.`;
      }
    }
  }
  return undefined;
}

/**
 * Finds a Fastify route in the file that sets its own `config.rateLimit`
 * and whose URL names an auth endpoint (`fastify.post("/login", { config:
 * { rateLimit: {...} } }, handler)` or `fastify.route({ url, config })`),
 * and describes it in a sentence.
 */
export function findFastifyAuthRoute(file: FileFacts): string | undefined {
  for (const object of file.walk.objectLiterals) {
    const config = getObjectPropertyValue(object, "config");
    if (!config || !ts.isObjectLiteralExpression(config)) continue;
    if (!getObjectPropertyValue(config, "rateLimit")) continue;

    const ownUrl =
      getStringValue(getObjectPropertyValue(object, "url")) ??
      getStringValue(getObjectPropertyValue(object, "path"));
    const call = object.parent;
    const routeUrl =
      call && ts.isCallExpression(call)
        ? getStringValue(call.arguments[0])
        : undefined;
    const url = ownUrl ?? routeUrl;
    if (url && isAuthText(url))
      return `The ${url} route sets its own limit on these counters, ${GUESSING_CLAUSE}.`;
  }
  return undefined;
}
