import { describe, expect, it } from "vitest";

import {
  ConfigError,
  DEFAULT_CONFIG,
  parseConfig,
  parseConfigText,
} from "../../src/config/config.js";
import { allRules } from "../../src/detectors/index.js";

const SOURCE = ".github/structra.yml";
const RULE_IDS = allRules.map((rule) => rule.id);

/** Parses and returns the ConfigError thrown, failing the test when none is. */
function catchConfigError(parse: () => unknown): ConfigError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError, but parsing succeeded");
}

describe("parseConfig defaults", () => {
  it("returns the defaults for a missing file", () => {
    expect(parseConfig(null, SOURCE)).toEqual({
      paths: { include: ["**/*"], exclude: [] },
      detectors: {},
      failOn: "error",
      comments: { inline: true, max: 30 },
    });
    expect(parseConfig(undefined, SOURCE)).toEqual(DEFAULT_CONFIG);
  });

  it("returns the defaults for an empty YAML file", () => {
    expect(parseConfigText("", SOURCE)).toEqual(DEFAULT_CONFIG);
    expect(parseConfigText("# nothing yet\n", SOURCE)).toEqual(DEFAULT_CONFIG);
    expect(parseConfig({}, SOURCE)).toEqual(DEFAULT_CONFIG);
  });

  it("treats empty sections as defaults", () => {
    const text = [
      "paths:",
      "  include:",
      "detectors:",
      "  # session-memory-store: off",
      "comments:",
      "",
    ].join("\n");
    expect(parseConfigText(text, SOURCE)).toEqual(DEFAULT_CONFIG);
  });

  it("keeps DEFAULT_CONFIG frozen", () => {
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.paths.include)).toBe(true);
  });

  it("returns a fresh copy callers may change", () => {
    const config = parseConfig(null, SOURCE);
    config.paths.exclude.push("vendor/**");
    expect(DEFAULT_CONFIG.paths.exclude).toEqual([]);
  });

  it("fills keys missing from a partial file", () => {
    const config = parseConfigText(
      "paths:\n  exclude: [src/legacy/**]\ncomments:\n  max: 5\n",
      SOURCE,
    );
    expect(config.paths).toEqual({
      include: ["**/*"],
      exclude: ["src/legacy/**"],
    });
    expect(config.comments).toEqual({ inline: true, max: 5 });
    expect(config.failOn).toBe("error");
    expect(config.detectors).toEqual({});
  });
});

describe("parseConfigText valid files", () => {
  it("reads every key of a full file", () => {
    const text = [
      "paths:",
      '  include: ["src/**", "server/**"]',
      '  exclude: ["src/legacy/**"]',
      "detectors:",
      "  session-memory-store: warning",
      "  invalid-suppression: off",
      "failOn: warning",
      "comments:",
      "  inline: false",
      "  max: 20",
      "",
    ].join("\n");

    expect(parseConfigText(text, SOURCE)).toEqual({
      paths: { include: ["src/**", "server/**"], exclude: ["src/legacy/**"] },
      detectors: {
        "session-memory-store": "warning",
        "invalid-suppression": "off",
      },
      failOn: "warning",
      comments: { inline: false, max: 20 },
    });
  });

  it("reads the flow style of the example", () => {
    const text = [
      'paths: { include: ["src/**"], exclude: ["src/legacy/**"] }',
      "detectors: { session-memory-store: error }",
      "failOn: note",
      "comments: { inline: true, max: 100 }",
    ].join("\n");
    const config = parseConfigText(text, SOURCE);

    expect(config.detectors).toEqual({ "session-memory-store": "error" });
    expect(config.failOn).toBe("note");
    expect(config.comments.max).toBe(100);
  });

  it("ignores a top-level _extends", () => {
    const config = parseConfigText(
      "_extends: .github\nfailOn: warning\n",
      SOURCE,
    );
    expect(config).toEqual({ ...DEFAULT_CONFIG, failOn: "warning" });
    expect(config).not.toHaveProperty("_extends");
    expect(parseConfig({ _extends: "org/settings" }, SOURCE)).toEqual(
      DEFAULT_CONFIG,
    );
  });

  it("drops a leading ./ from globs", () => {
    const config = parseConfig(
      { paths: { include: ["./src/**"], exclude: ["./src/gen/**"] } },
      SOURCE,
    );
    expect(config.paths).toEqual({
      include: ["src/**"],
      exclude: ["src/gen/**"],
    });
  });

  it("accepts every level and off for every rule", () => {
    for (const id of RULE_IDS) {
      for (const setting of ["off", "note", "warning", "error"]) {
        const config = parseConfig({ detectors: { [id]: setting } }, SOURCE);
        expect(config.detectors[id]).toBe(setting);
      }
    }
  });
});

describe("parseConfig invalid values", () => {
  it("rejects an unknown detector and lists the known ones", () => {
    const error = catchConfigError(() =>
      parseConfigText("detectors:\n  memory-cach: off\n", SOURCE),
    );
    expect(error.key).toBe("detectors.memory-cach");
    expect(error.source).toBe(SOURCE);
    expect(error.message).toBe(
      `${SOURCE}: detectors.memory-cach is not a detector; use one of: ${RULE_IDS.join(", ")}`,
    );
  });

  it("tells to drop the F-03/ prefix from a detector id", () => {
    const error = catchConfigError(() =>
      parseConfig(
        { detectors: { "F-03/session-memory-store": "off" } },
        SOURCE,
      ),
    );
    expect(error.key).toBe("detectors.F-03/session-memory-store");
    expect(error.message).toContain(
      'write the detector id without "F-03/": session-memory-store',
    );
  });

  it("rejects an unknown level", () => {
    const error = catchConfigError(() =>
      parseConfig({ detectors: { "session-memory-store": "warn" } }, SOURCE),
    );
    expect(error.key).toBe("detectors.session-memory-store");
    expect(error.message).toBe(
      `${SOURCE}: detectors.session-memory-store is "warn"; use one of: off, note, warning, error`,
    );
  });

  it("rejects off and unknown values for failOn", () => {
    const error = catchConfigError(() =>
      parseConfig({ failOn: "off" }, SOURCE),
    );
    expect(error.key).toBe("failOn");
    expect(error.message).toBe(
      `${SOURCE}: failOn is "off"; use one of: note, warning, error`,
    );
  });

  it("names an empty value as empty", () => {
    const error = catchConfigError(() => parseConfigText("failOn:\n", SOURCE));
    expect(error.message).toBe(
      `${SOURCE}: failOn is empty; use one of: note, warning, error`,
    );
  });

  it("rejects an unknown top-level key", () => {
    const error = catchConfigError(() =>
      parseConfig({ failOnLevel: "error" }, SOURCE),
    );
    expect(error.key).toBe("failOnLevel");
    expect(error.message).toBe(
      `${SOURCE}: failOnLevel is not a setting; use one of: paths, detectors, failOn, comments`,
    );
  });

  it("rejects an unknown nested key", () => {
    const error = catchConfigError(() =>
      parseConfig({ paths: { ignore: ["dist/**"] } }, SOURCE),
    );
    expect(error.key).toBe("paths.ignore");
    expect(error.message).toContain("use one of: include, exclude");
  });

  it("rejects a string where a list of globs belongs", () => {
    const error = catchConfigError(() =>
      parseConfig({ paths: { include: "src/**" } }, SOURCE),
    );
    expect(error.key).toBe("paths.include");
    expect(error.message).toBe(
      `${SOURCE}: paths.include is "src/**"; use a list of globs, e.g. ["src/**"]`,
    );
  });

  it("rejects a non-string glob by index", () => {
    const error = catchConfigError(() =>
      parseConfig({ paths: { exclude: ["dist/**", 3] } }, SOURCE),
    );
    expect(error.key).toBe("paths.exclude[1]");
    expect(error.message).toContain("paths.exclude[1] is 3; use a glob string");
  });

  it("rejects absolute, negated and empty globs", () => {
    const absolute = catchConfigError(() =>
      parseConfig({ paths: { include: ["/src/**"] } }, SOURCE),
    );
    expect(absolute.key).toBe("paths.include[0]");
    expect(absolute.message).toContain("an absolute path");
    expect(absolute.message).toContain('e.g. "src/**"');

    const negated = catchConfigError(() =>
      parseConfig({ paths: { include: ["!src/gen/**"] } }, SOURCE),
    );
    expect(negated.message).toContain(
      'a negated glob; put "src/gen/**" in paths.exclude instead',
    );

    const empty = catchConfigError(() =>
      parseConfig({ paths: { exclude: [""] } }, SOURCE),
    );
    expect(empty.key).toBe("paths.exclude[0]");
    expect(empty.message).toContain("is an empty string");
  });

  it("rejects an empty include list", () => {
    const error = catchConfigError(() =>
      parseConfig({ paths: { include: [] } }, SOURCE),
    );
    expect(error.key).toBe("paths.include");
    expect(error.message).toContain("list at least one glob");
  });

  it("rejects comments.max out of range or fractional", () => {
    for (const max of [0, 101, 2.5]) {
      const error = catchConfigError(() =>
        parseConfig({ comments: { max } }, SOURCE),
      );
      expect(error.key).toBe("comments.max");
      expect(error.message).toBe(
        `${SOURCE}: comments.max is ${max}; use a whole number from 1 to 100`,
      );
    }
  });

  it("rejects a non-boolean comments.inline", () => {
    const error = catchConfigError(() =>
      parseConfigText("comments:\n  inline: yes\n", SOURCE),
    );
    expect(error.key).toBe("comments.inline");
    expect(error.message).toBe(
      `${SOURCE}: comments.inline is "yes"; use true or false`,
    );
  });

  it("rejects a section of the wrong type", () => {
    const error = catchConfigError(() =>
      parseConfig({ detectors: ["session-memory-store"] }, SOURCE),
    );
    expect(error.key).toBe("detectors");
    expect(error.message).toContain("detectors is a list; use a mapping");
  });

  it("rejects a file that is not a mapping", () => {
    const error = catchConfigError(() =>
      parseConfigText("- src/**\n- lib/**\n", SOURCE),
    );
    expect(error.key).toBe("(file)");
    expect(error.message).toBe(
      `${SOURCE}: the file contains a list; use a mapping of settings, or leave the file empty`,
    );
  });

  it("reports every invalid key, one line each", () => {
    const error = catchConfigError(() =>
      parseConfig(
        { failOn: "fatal", comments: { max: 0 }, extra: true },
        SOURCE,
      ),
    );
    expect(error.problems.map((problem) => problem.key).sort()).toEqual([
      "comments.max",
      "extra",
      "failOn",
    ]);
    const lines = error.message.split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.startsWith(`${SOURCE}: `)).toBe(true);
  });

  it("shortens a long invalid value", () => {
    const error = catchConfigError(() =>
      parseConfig({ failOn: "x".repeat(500) }, SOURCE),
    );
    expect(error.message.length).toBeLessThan(150);
    expect(error.message).toContain("…");
  });
});

describe("parseConfigText YAML errors", () => {
  it("reports a syntax error with its position", () => {
    const error = catchConfigError(() =>
      parseConfigText('paths:\n  include: ["src/**"\nfailOn: error\n', SOURCE),
    );
    expect(error.key).toBe("(file)");
    expect(error.message).toMatch(
      /^\.github\/structra\.yml: the file is not valid YAML: .+ at line \d+, column \d+$/,
    );
  });

  it("reports a duplicate key", () => {
    const error = catchConfigError(() =>
      parseConfigText("failOn: error\nfailOn: warning\n", SOURCE),
    );
    expect(error.key).toBe("(file)");
    expect(error.message).toContain("Map keys must be unique at line 2");
  });

  it("reports an unresolved alias", () => {
    const error = catchConfigError(() =>
      parseConfigText("failOn: *level\n", SOURCE),
    );
    expect(error.key).toBe("(file)");
    expect(error.message).toContain("the file is not valid YAML");
  });
});
