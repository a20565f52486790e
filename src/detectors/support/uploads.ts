import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import {
  findEnclosingFunction,
  getCalleeName,
  isFunctionNode,
  unwrapExpression,
  type FunctionNode,
} from "../../engine/ast/nodes.js";

/** Expressions that hold an uploaded file or its bytes, by the usual APIs of multer, formidable, busboy, @fastify/multipart and web `FormData`. */
const UPLOAD_SOURCE =
  /\b(req|request)\s*\.\s*files?\b|\.arrayBuffer\(\)|\bformData\b|\.toBuffer\(\)|\b(part|data)\s*\.\s*file\b|\.file\(\)|\.parts\(\)|\bfile\s*\.\s*(buffer|data|stream|filepath|tempFilePath|path)\b|\bfiles\s*\.\s*\w+|\bfiles\s*\[|saveRequestFiles|\b[Bb]usboy\b|\.filepath\b|\.tempFilePath\b|\bfile\s*\.\s*pipe\(|\b(req|request)\s*\.\s*body\s*\.\s*\w*([Ii]mage|[Aa]vatar|[Pp]hoto|[Pp]icture|[Ff]ile|[Aa]ttachment|[Dd]ocument)\w*/;

/** Destinations under the project folder, where deploys and replicas do not share files. */
const PROJECT_PATH =
  /__dirname|process\.cwd\(\)|import\.meta\.(dirname|url)|["'`](\.{1,2}\/|public\b|uploads?\b|static\b|storage\b|files\b|assets\b|media\b|images\b)|["'`]\/?(app|usr|var|srv|home)\/[^"'`]*(uploads?|public|static|media|files|images)/;

/** Temporary directories, where a file is scratch space for one request. */
const TEMP_PATH = /tmpdir|["'`]\/tmp\b|\bTMPDIR\b|\bos\.tmp/;

/** Calls that delete a file, which mark a written file as scratch space. */
const DELETE_CALL = /\b(unlink|unlinkSync|rm|rmSync|remove|removeSync)\s*\(/;

/** Calls that hand the file to object storage, so the local copy is not the only one. */
const OBJECT_STORAGE_CALL =
  /\bPutObjectCommand\b|\bputObject\b|\bfPutObject\b|\bnew Upload\(|\buploader\s*\.\s*upload|\.upload\s*\(|\buploadBytes\w*\(|\bupload(To|File)\w*\(|\.storage\s*\.\s*from\(|\bbucket\s*\.\s*file\(|\bput\(\s*[^,]+,\s*\w+,\s*\{\s*access/;

/** Database calls that can record where the file is. */
const DATABASE_WRITES = new Set([
  "create",
  "insert",
  "insertOne",
  "insertMany",
  "update",
  "updateOne",
  "updateMany",
  "save",
  "upsert",
  "findByIdAndUpdate",
  "findOneAndUpdate",
]);

/** Argument text that names the stored file, as opposed to `req.session.save(cb)`. */
const FILE_REFERENCE =
  /\b(file|files|filename|fileName|filePath|path|url|avatar|image|photo|document|attachment|originalname|name)\b/;

/** A response that names the file's path or URL, in an object or as the uploaded file's own path. */
const RESPONSE_WITH_LOCATION =
  /\b(json|send)\s*\(\s*\{[^}]*\b(url|path|filename|fileName|filePath|location|avatar|image|src)\b|\b(json|send)\s*\([^;]*\b(req\.files?|file)\s*\.\s*(path|filename|key|location)\b/i;

/** Follows local variables to the text they are computed from, to read an expression's origin. */
export function expandDefinitionText(
  file: FileFacts,
  expression: ts.Expression,
  depth = 3,
): string {
  let text = expression.getText();
  if (depth <= 0) return text;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const declaration = file.scopes.resolve(node);
      const source = declaration?.initializer ?? declaration?.patternSource;
      if (
        source &&
        (declaration?.kind === "const" ||
          declaration?.kind === "let" ||
          declaration?.kind === "var")
      ) {
        text += `\n${expandDefinitionText(file, source, depth - 1)}`;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return text;
}

/** True when the expression carries uploaded file data, directly or through local variables. */
export function isUploadData(
  file: FileFacts,
  expression: ts.Expression | undefined,
): boolean {
  if (!expression) return false;
  return UPLOAD_SOURCE.test(expandDefinitionText(file, expression));
}

/** True when the function's code reads an uploaded file. */
export function readsUpload(fn: ts.Node): boolean {
  return UPLOAD_SOURCE.test(fn.getText());
}

/**
 * Classifies a destination: `project` (the app's folder), `temp`,
 * `environment` (a path read only from environment variables, which may
 * name a shared volume) or `unknown`.
 */
export function classifyDestination(
  file: FileFacts,
  expression: ts.Expression | undefined,
): "project" | "temp" | "environment" | "unknown" {
  if (!expression) return "unknown";
  const text = expandDefinitionText(file, unwrapExpression(expression));
  if (TEMP_PATH.test(text)) return "temp";
  if (PROJECT_PATH.test(text)) return "project";
  if (/\bprocess\.env\b/.test(text)) return "environment";
  const value = unwrapExpression(expression);
  // A bare relative literal such as "avatars/x.png" resolves under the working directory.
  if (ts.isStringLiteralLike(value) && !value.text.startsWith("/"))
    return "project";
  return "unknown";
}

/** Returns the outermost function around a node that serves requests, or the innermost function. */
export function findRequestFunction(
  file: FileFacts,
  node: ts.Node,
): FunctionNode | undefined {
  let current = findEnclosingFunction(node);
  let found = current;
  while (current) {
    if (file.requestScope.getDepth(current) === 0) found = current;
    current = findEnclosingFunction(current);
  }
  return found;
}

/** True when the request function deletes the file or sends it to object storage: the local file is scratch space. */
export function treatsFileAsScratch(fn: ts.Node | undefined): boolean {
  if (!fn) return false;
  const text = fn.getText();
  return DELETE_CALL.test(text) || OBJECT_STORAGE_CALL.test(text);
}

/** True when the code sends the file to object storage. */
export function usesObjectStorage(node: ts.Node): boolean {
  return OBJECT_STORAGE_CALL.test(node.getText());
}

/** True when the function records the file's location in a database or returns it to the client. */
export function recordsLocation(fn: ts.Node | undefined): boolean {
  if (!fn) return false;
  if (RESPONSE_WITH_LOCATION.test(fn.getText())) return true;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      DATABASE_WRITES.has(getCalleeName(node) ?? "") &&
      node.arguments.some(
        (argument) =>
          !isFunctionNode(argument) && FILE_REFERENCE.test(argument.getText()),
      )
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}
