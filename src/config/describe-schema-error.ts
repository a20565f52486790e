import type { ErrorObject } from "ajv";

import { FILE_KEY, type ConfigProblem } from "./config-error.js";
import { IGNORED_KEYS } from "./schema.js";

const RULE_PREFIX = "F-03/";
const MAX_VALUE_LENGTH = 60;

/**
 * Turns an ajv error (compiled with `verbose: true`, so `data` and
 * `parentSchema` are set) into a problem naming the key, the invalid
 * value and what to write instead.
 */
export function describeSchemaError(
  error: ErrorObject,
  root: unknown,
): ConfigProblem {
  const segments = splitPointer(error.instancePath);

  if (error.keyword === "additionalProperties") {
    const property = String(error.params["additionalProperty"]);
    return describeUnknownKey(segments, property, error, root);
  }

  const key = formatKey(segments, root);
  const subject = segments.length === 0 ? "the file contains" : `${key} is`;
  const value = formatValue(error.data);

  switch (error.keyword) {
    case "enum": {
      const allowed = (error.params["allowedValues"] as unknown[]).join(", ");
      return { key, message: `${subject} ${value}; use one of: ${allowed}` };
    }
    case "minItems":
      return {
        key,
        message: `${key} is an empty list; list at least one glob, or remove ${key} to use the default`,
      };
    case "minLength":
      return {
        key,
        message: `${key} is an empty string; use a glob such as "src/**"`,
      };
    case "pattern":
      return describeGlobPattern(key, String(error.data));
    default: {
      const hint = getDescription(error.parentSchema);
      const fix = hint ?? `it ${error.message ?? "is invalid"}`;
      return { key, message: `${subject} ${value}; ${fix}` };
    }
  }
}

function describeUnknownKey(
  segments: readonly string[],
  property: string,
  error: ErrorObject,
  root: unknown,
): ConfigProblem {
  const key = formatKey([...segments, property], root);
  const allowed = Object.keys(getProperties(error.parentSchema)).filter(
    (name) => !IGNORED_KEYS.includes(name),
  );

  if (segments.length === 1 && segments[0] === "detectors") {
    const withoutPrefix = property.slice(RULE_PREFIX.length);
    if (property.startsWith(RULE_PREFIX) && allowed.includes(withoutPrefix)) {
      return {
        key,
        message: `${key} names the rule, not the detector; write the detector id without "${RULE_PREFIX}": ${withoutPrefix}`,
      };
    }
    return {
      key,
      message: `${key} is not a detector; use one of: ${allowed.join(", ")}`,
    };
  }
  return {
    key,
    message: `${key} is not a setting; use one of: ${allowed.join(", ")}`,
  };
}

function describeGlobPattern(key: string, glob: string): ConfigProblem {
  if (glob.startsWith("!")) {
    return {
      key,
      message: `${key} is ${formatValue(glob)}, a negated glob; put ${formatValue(glob.slice(1))} in paths.exclude instead`,
    };
  }
  const relative = glob.replace(/^\/+/, "");
  return {
    key,
    message: `${key} is ${formatValue(glob)}, an absolute path; write globs relative to the repository root, e.g. ${formatValue(relative)}`,
  };
}

/** Splits a JSON pointer such as `/paths/include/0` into its unescaped segments. */
function splitPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Formats segments as the user writes them: `paths.include[0]`. */
function formatKey(segments: readonly string[], root: unknown): string {
  let key = "";
  let node = root;

  for (const segment of segments) {
    if (Array.isArray(node)) {
      key += `[${segment}]`;
    } else {
      key += key === "" ? segment : `.${segment}`;
    }
    node = isRecord(node) ? node[segment] : undefined;
  }
  return key === "" ? FILE_KEY : key;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value !== "string") return String(value);

  const quoted = JSON.stringify(value);
  if (quoted.length <= MAX_VALUE_LENGTH) return quoted;
  return `${quoted.slice(0, MAX_VALUE_LENGTH - 2)}…"`;
}

function getDescription(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const description = schema["description"];
  return typeof description === "string" ? description : undefined;
}

function getProperties(schema: unknown): Record<string, unknown> {
  if (!isRecord(schema)) return {};
  const properties = schema["properties"];
  return isRecord(properties) ? properties : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
