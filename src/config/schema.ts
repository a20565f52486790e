import type { SchemaObject } from "ajv";

import type { DetectorSetting, Level } from "../types.js";

/** Levels from the least to the most severe. */
export const LEVELS: readonly Level[] = ["note", "warning", "error"];

export const DETECTOR_SETTINGS: readonly DetectorSetting[] = ["off", ...LEVELS];

/** Top-level keys that the loader adds and the schema accepts unchecked. */
export const IGNORED_KEYS: readonly string[] = ["_extends"];

/** Upper bound of `comments.max`. */
export const MAX_INLINE_COMMENTS = 100;

const GLOB_LIST: SchemaObject = {
  type: ["array", "null"],
  items: {
    type: "string",
    minLength: 1,
    pattern: "^[^/!]",
    description: 'use a glob string such as "src/**"',
  },
  description: 'use a list of globs, e.g. ["src/**"]',
};

/**
 * Builds the JSON schema of `.github/structra.yml`. Each `description`
 * is the advice on what to write instead of an invalid value, so error
 * messages come from the schema rather than from a second table. A
 * mapping or list left empty (`detectors:` above commented-out lines)
 * is null in YAML and means the default.
 */
export function buildConfigSchema(
  detectorIds: readonly string[],
): SchemaObject {
  const detectorProperties = Object.fromEntries(
    detectorIds.map((id) => [id, { enum: [...DETECTOR_SETTINGS] }]),
  );

  return {
    type: "object",
    description: "use a mapping of settings, or leave the file empty",
    additionalProperties: false,
    properties: {
      _extends: {},
      paths: {
        type: ["object", "null"],
        description: "use a mapping with the keys include and exclude",
        additionalProperties: false,
        properties: {
          include: { ...GLOB_LIST, minItems: 1 },
          exclude: GLOB_LIST,
        },
      },
      detectors: {
        type: ["object", "null"],
        description: "use a mapping from detector id to a level or off",
        additionalProperties: false,
        properties: detectorProperties,
      },
      failOn: { enum: [...LEVELS] },
      comments: {
        type: ["object", "null"],
        description: "use a mapping with the keys inline and max",
        additionalProperties: false,
        properties: {
          inline: { type: "boolean", description: "use true or false" },
          max: {
            type: "integer",
            minimum: 1,
            maximum: MAX_INLINE_COMMENTS,
            description: `use a whole number from 1 to ${MAX_INLINE_COMMENTS}`,
          },
        },
      },
    },
  };
}
