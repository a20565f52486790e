import { ts } from "ts-morph";

export type ParseResult =
  | { ok: true; sourceFile: ts.SourceFile }
  | { ok: false; line?: number; message: string };

interface SourceFileWithDiagnostics extends ts.SourceFile {
  // Set by ts.createSourceFile; not in the public typings.
  parseDiagnostics?: readonly ts.DiagnosticWithLocation[];
}

function getScriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  // JavaScript files may contain JSX; parsing them as JSX accepts both.
  return ts.ScriptKind.JSX;
}

/**
 * Parses one file with the TypeScript compiler that ts-morph bundles. The
 * engine needs no type checker and no ts-morph wrappers: walking the
 * compiler's nodes directly keeps analysis close to the cost of the parse.
 */
export interface ParseOptions {
  /**
   * Sets `parent` on every node. Off by default because walkFile sets
   * parents during its own traversal; turn it on to use a tree without
   * walking it.
   */
  setParentNodes?: boolean;
}

export function parseSource(
  path: string,
  text: string,
  options: ParseOptions = {},
): ParseResult {
  let sourceFile: SourceFileWithDiagnostics;
  try {
    sourceFile = ts.createSourceFile(
      path,
      text,
      {
        languageVersion: ts.ScriptTarget.Latest,
        // No detector reads JSDoc, and skipping it saves about a tenth of
        // the parse.
        jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
      },
      options.setParentNodes ?? false,
      getScriptKind(path),
    );
  } catch (error) {
    return { ok: false, message: `parse failed: ${String(error)}` };
  }

  const first = sourceFile.parseDiagnostics?.[0];
  if (!first) return { ok: true, sourceFile };
  const line = sourceFile.getLineAndCharacterOfPosition(first.start).line + 1;
  const message = ts.flattenDiagnosticMessageText(first.messageText, " ");
  return {
    ok: false,
    line,
    message: `syntax error at line ${line}: ${message}`,
  };
}
