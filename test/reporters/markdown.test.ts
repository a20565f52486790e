import { describe, expect, it } from "vitest";

import {
  escapeMarkdown,
  escapeTableCell,
  formatCodeBlock,
  formatInlineCode,
  getCodeLanguage,
} from "../../src/reporters/markdown.js";

const ZWJ = "\u200d";

describe("escapeMarkdown", () => {
  it("breaks user and team mentions", () => {
    expect(escapeMarkdown("ask @octocat or @org/team")).toBe(
      `ask @${ZWJ}octocat or @${ZWJ}org/team`,
    );
  });

  it("turns HTML tags and comments into text", () => {
    expect(escapeMarkdown('<img src="x" onerror="alert(1)">')).toBe(
      '&lt;img src="x" onerror="alert(1)">',
    );
    expect(escapeMarkdown("a <!-- hidden --> b")).toBe(
      "a &lt;!-- hidden --> b",
    );
  });

  it("keeps closed code spans as written", () => {
    const text = "set `store` in `session({ user: '@admin', a: b < c })`";
    expect(escapeMarkdown(text)).toBe(text);
  });

  it("escapes backticks without a closing run", () => {
    expect(escapeMarkdown("one ` and ``` here")).toBe(
      "one \\` and \\`\\`\\` here",
    );
  });

  it("keeps a fence line from opening a code block", () => {
    const text = "before\n```js\n@octocat\n```\nafter";
    const escaped = escapeMarkdown(text);
    expect(escaped).not.toMatch(/^```/m);
    expect(escaped).toContain(`@${ZWJ}octocat`);
  });

  it("escapes a tilde fence at line start", () => {
    expect(escapeMarkdown("x\n~~~\ny")).toBe("x\n\\~~~\ny");
  });

  it("escapes backslashes so they cannot undo an escape", () => {
    expect(escapeMarkdown("path\\`x")).toBe("path\\\\\\`x");
  });
});

describe("escapeTableCell", () => {
  it("folds lines and escapes pipes", () => {
    expect(escapeTableCell("a | b\n  c `x|y`")).toBe("a \\| b c `x\\|y`");
  });
});

describe("formatInlineCode", () => {
  it("uses a longer delimiter than the backticks inside", () => {
    expect(formatInlineCode("src/app.ts:5")).toBe("`src/app.ts:5`");
    expect(formatInlineCode("a`b")).toBe("``a`b``");
    expect(formatInlineCode("`tick")).toBe("`` `tick ``");
  });

  it("puts multi-line text on one line", () => {
    expect(formatInlineCode("a\nb")).toBe("`a b`");
  });
});

describe("formatCodeBlock", () => {
  it("uses three backticks for plain code", () => {
    expect(formatCodeBlock("const a = 1;\n", "ts")).toBe(
      "```ts\nconst a = 1;\n```",
    );
  });

  it("uses a fence longer than any backtick run inside", () => {
    const code = "const md = `\n````\n`;";
    expect(formatCodeBlock(code, "js")).toBe(
      `\`\`\`\`\`js\n${code}\n\`\`\`\`\``,
    );
  });

  it("writes an empty block without a blank line", () => {
    expect(formatCodeBlock("", "suggestion")).toBe("```suggestion\n```");
  });
});

describe("getCodeLanguage", () => {
  it("maps extensions to language tags", () => {
    expect(getCodeLanguage("src/app.ts")).toBe("ts");
    expect(getCodeLanguage("src/app.mts")).toBe("ts");
    expect(getCodeLanguage("src/App.tsx")).toBe("tsx");
    expect(getCodeLanguage("src/App.jsx")).toBe("jsx");
    expect(getCodeLanguage("server.cjs")).toBe("js");
    expect(getCodeLanguage("server.js")).toBe("js");
  });
});
