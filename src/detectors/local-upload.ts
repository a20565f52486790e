import { ts } from "ts-morph";

import type { FileFacts } from "../engine/facts/file-facts.js";
import {
  getCalleeName,
  getCallReceiver,
  getObjectProperty,
  isFunctionNode,
  unwrapExpression,
} from "../engine/ast/nodes.js";
import type { Detector, DetectorContext, Severity } from "../types.js";
import { getDocsUrl } from "./docs-url.js";
import {
  getOption,
  resolveOptionsObject,
  type OptionsObject,
} from "./support/options.js";
import { judgeUploadHandlers } from "./support/upload-handlers.js";
import {
  classifyDestination,
  expandDefinitionText,
  findRequestFunction,
  isUploadData,
  readsUpload,
  recordsLocation,
  treatsFileAsScratch,
} from "./support/uploads.js";

const MULTER_MODULES = ["multer", "fastify-multer"];
const NEST_MULTER_MODULE = "@nestjs/platform-express";
const NEST_INTERCEPTORS = [
  "FileInterceptor",
  "FilesInterceptor",
  "FileFieldsInterceptor",
  "AnyFilesInterceptor",
];
const FS_MODULES = [
  "fs",
  "node:fs",
  "fs/promises",
  "node:fs/promises",
  "fs-extra",
  "graceful-fs",
];

/** File-system calls that write a file, with the argument positions of the data (or source file) and the destination. */
const FS_WRITES: Record<string, { data: number; destination: number }> = {
  writeFile: { data: 1, destination: 0 },
  writeFileSync: { data: 1, destination: 0 },
  outputFile: { data: 1, destination: 0 },
  outputFileSync: { data: 1, destination: 0 },
  createWriteStream: { data: -1, destination: 0 },
  rename: { data: 0, destination: 1 },
  renameSync: { data: 0, destination: 1 },
  copyFile: { data: 0, destination: 1 },
  copyFileSync: { data: 0, destination: 1 },
  move: { data: 0, destination: 1 },
  moveSync: { data: 0, destination: 1 },
  copy: { data: 0, destination: 1 },
};

const WHY =
  "A file on one server's disk exists only on that replica: requests that reach another replica cannot find it, and it disappears when the container is replaced, redeployed or scaled in (serverless platforms only allow writes to a temporary directory).";

const FIX =
  "Stream the upload to object storage (S3, Google Cloud Storage, Azure Blob, Cloudinary), for example with multer-s3, and store the object key in the database instead of a local path.";

const MULTER_S3_EXAMPLE = `import { S3Client } from "@aws-sdk/client-s3";
import multer from "multer";
import multerS3 from "multer-s3";

const upload = multer({
  storage: multerS3({
    s3: new S3Client({}),
    bucket: process.env.UPLOAD_BUCKET,
    key: (req, file, cb) => cb(null, \`avatars/\${req.user.id}/\${crypto.randomUUID()}\`),
  }),
});

app.post("/avatar", upload.single("avatar"), async (req, res) => {
  await db.user.update({ where: { id: req.user.id }, data: { avatarKey: req.file.key } });
  res.sendStatus(204);
});`;

const DIRECT_UPLOAD_EXAMPLE = `import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

const s3 = new S3Client({});

export async function POST(request: Request) {
  const file = (await request.formData()).get("file") as File;
  const key = \`uploads/\${crypto.randomUUID()}\`;
  await s3.send(new PutObjectCommand({
    Bucket: process.env.UPLOAD_BUCKET,
    Key: key,
    Body: Buffer.from(await file.arrayBuffer()),
    ContentType: file.type,
  }));
  return Response.json({ key });
}`;

/** Packages whose import makes a file worth checking. */
const UPLOAD_PACKAGES = [
  "multer",
  "fastify-multer",
  "@fastify/multipart",
  "formidable",
  "multiparty",
  "busboy",
  "@nestjs/platform-express",
  "fs",
  "node:fs",
  "fs/promises",
  "node:fs/promises",
  "fs-extra",
  "graceful-fs",
];

export const localUpload: Detector = {
  meta: {
    id: "local-upload",
    title: "Disallow keeping uploaded files on the server's local disk",
    description:
      "Uploads written to a folder of the server (multer's `dest` or disk storage, formidable's `uploadDir`, express-fileupload's `mv`, `fs` writes in a handler) exist on one replica only and vanish with its container.",
    defaultSeverity: "medium",
    fix: FIX,
    docsUrl: getDocsUrl("local-upload"),
  },
  detect(context) {
    const { file } = context;
    // express-fileupload's `file.mv(path)` needs no import in the route file.
    if (!file.importsPackage(UPLOAD_PACKAGES) && !file.text.includes(".mv(")) {
      return;
    }
    for (const call of file.walk.calls) {
      checkMulter(context, call);
      checkDiskStorage(context, call);
      checkNestInterceptor(context, call);
      checkFormidableCall(context, call);
      checkMove(context, call);
      checkFileSystemWrite(context, call);
    }
    for (const expression of file.walk.newExpressions)
      checkFormidableConstructor(context, expression);
  },
};

function checkMulter(context: DetectorContext, call: ts.CallExpression): void {
  const { file } = context;
  if (!file.isSymbol(call.expression, MULTER_MODULES)) return;
  reportDestinationOption(context, call, call.arguments[0], "dest", "multer");
}

function checkNestInterceptor(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  const name = NEST_INTERCEPTORS.find((candidate) =>
    file.isSymbol(call.expression, [NEST_MULTER_MODULE], [candidate]),
  );
  const isModule = file.isSymbol(
    call.expression,
    [NEST_MULTER_MODULE],
    ["MulterModule", "register"],
  );
  if (!name && !isModule) return;
  const options = [...call.arguments]
    .reverse()
    .find((argument) =>
      ts.isObjectLiteralExpression(unwrapExpression(argument)),
    );
  reportDestinationOption(
    context,
    call,
    options,
    "dest",
    name ?? "MulterModule",
  );
}

/** Reports `dest` (multer) or `uploadDir` (formidable) when it names a folder of the project. */
function reportDestinationOption(
  context: DetectorContext,
  call: ts.CallExpression | ts.NewExpression,
  argument: ts.Expression | undefined,
  option: string,
  label: string,
): void {
  const { file, project } = context;
  const options = argument ? resolveOptionsObject(file, argument) : undefined;
  if (!options) return;
  const destination = findOption(file, options, option);
  if (!destination) return;
  if (isSharedOrScratch(file, destination.value)) return;

  const evidence = judgeUploadHandlers(file, project, call);
  if (evidence.scratch) return;
  context.report({
    node: call,
    message: `${label} saves uploaded files to \`${describePath(destination.value)}\` (its \`${option}\` option), a folder on this server's disk.`,
    why: WHY,
    fix: FIX,
    example: MULTER_S3_EXAMPLE,
    severity: rate(file, evidence.recorded),
    relatedNodes: destination.node === call ? [] : [destination.node],
  });
}

function findOption(
  file: FileFacts,
  options: OptionsObject,
  name: string,
): { value: ts.Expression; node: ts.Node } | undefined {
  const option = getOption(file, options, [name]);
  return option.kind === "set" ? option : undefined;
}

function checkDiskStorage(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file, project } = context;
  const isDiskStorage = [...MULTER_MODULES, NEST_MULTER_MODULE].some((module) =>
    file.isSymbol(call.expression, [module], ["diskStorage"]),
  );
  if (!isDiskStorage) return;
  const options = resolveOptionsObject(file, call.arguments[0]);
  if (!options) return;
  // Without `destination`, multer writes to the system's temporary folder.
  const destination =
    findOption(file, options, "destination") ??
    findMethodOption(options, "destination");
  if (!destination) return;
  const target = findDestinationPath(destination.value);
  if (target && isSharedOrScratch(file, target)) return;

  const evidence = judgeUploadHandlers(file, project, call);
  if (evidence.scratch) return;
  const folder = target
    ? `\`${describePath(target)}\``
    : "the folder its `destination` function picks";
  context.report({
    node: call,
    message: `multer's diskStorage saves uploaded files to ${folder}, a folder on this server's disk.`,
    why: WHY,
    fix: FIX,
    example: MULTER_S3_EXAMPLE,
    severity: rate(file, evidence.recorded),
    relatedNodes: [destination.node],
  });
}

/** Finds an option written as a method, such as `destination(req, file, cb) { ... }`. */
function findMethodOption(
  options: OptionsObject,
  name: string,
): { value: ts.MethodDeclaration; node: ts.Node } | undefined {
  const property = getObjectProperty(options.object, name);
  return property && ts.isMethodDeclaration(property)
    ? { value: property, node: property }
    : undefined;
}

/** Returns the folder a `destination` gives: the string itself, or the path a `destination(req, file, cb)` function passes to `cb`. */
function findDestinationPath(
  value: ts.Expression | ts.MethodDeclaration,
): ts.Expression | undefined {
  const unwrapped = ts.isMethodDeclaration(value)
    ? value
    : unwrapExpression(value);
  if (!isFunctionNode(unwrapped)) return unwrapped;
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      node.arguments.length === 2 &&
      ts.isIdentifier(node.expression) &&
      /^(cb|callback|done|next)$/.test(node.expression.text)
    ) {
      found = node.arguments[1];
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(unwrapped);
  return found;
}

function checkFormidableCall(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  const isFormidable =
    file.isSymbol(call.expression, ["formidable"]) ||
    file.isSymbol(call.expression, ["formidable"], ["formidable"]);
  if (!isFormidable) return;
  reportFormidable(context, call);
}

function checkFormidableConstructor(
  context: DetectorContext,
  expression: ts.NewExpression,
): void {
  const { file } = context;
  const matches =
    file.isSymbol(expression.expression, ["formidable"], ["IncomingForm"]) ||
    file.isSymbol(expression.expression, ["formidable"], ["Formidable"]) ||
    file.isSymbol(expression.expression, ["multiparty"], ["Form"]);
  if (matches) reportFormidable(context, expression);
}

/** Reports formidable or multiparty with `uploadDir`, given as an option or assigned afterwards (`form.uploadDir = ...`). */
function reportFormidable(
  context: DetectorContext,
  call: ts.CallExpression | ts.NewExpression,
): void {
  const { file } = context;
  const argument = call.arguments?.[0];
  const options = argument ? resolveOptionsObject(file, argument) : undefined;
  const fromOption = options
    ? findOption(file, options, "uploadDir")
    : undefined;
  const uploadDir = fromOption ?? findAssignedProperty(file, call, "uploadDir");
  if (!uploadDir) return;
  const label = file.isSymbol(call.expression, ["multiparty"], ["Form"])
    ? "multiparty"
    : "formidable";
  if (isSharedOrScratch(file, uploadDir.value)) return;
  // The form is usually parsed inside the handler that receives the files.
  const handler = findRequestFunction(file, call);
  if (treatsFileAsScratch(handler)) return;

  const evidence = judgeUploadHandlers(context.file, context.project, call);
  if (evidence.scratch) return;
  const recorded = evidence.recorded || recordsLocation(handler);
  context.report({
    node: call,
    message: `${label} saves uploaded files to \`${describePath(uploadDir.value)}\` (its \`uploadDir\` option), a folder on this server's disk.`,
    why: WHY,
    fix: FIX,
    example: DIRECT_UPLOAD_EXAMPLE,
    severity: rate(file, recorded),
    relatedNodes: [uploadDir.node],
  });
}

/** Finds `holder.name = value` written after `const holder = <call>`. */
function findAssignedProperty(
  file: FileFacts,
  call: ts.Expression,
  name: string,
): { value: ts.Expression; node: ts.Node } | undefined {
  const parent = call.parent;
  if (!ts.isVariableDeclaration(parent)) return undefined;
  const declaration = file.walk.declarations.find(
    (candidate) => candidate.node === parent,
  );
  if (!declaration) return undefined;
  for (const mutation of file.listMutations(declaration)) {
    const key = mutation.key;
    if (
      mutation.path.length === 0 &&
      mutation.value &&
      key &&
      ts.isIdentifier(key) &&
      key.text === name
    ) {
      return { value: mutation.value, node: mutation.node };
    }
  }
  return undefined;
}

/** Reports express-fileupload's `file.mv(path)` in a handler, moving the upload into a project folder. */
function checkMove(context: DetectorContext, call: ts.CallExpression): void {
  const { file } = context;
  if (getCalleeName(call) !== "mv" || !file.isInRequestScope(call)) return;
  const receiver = getCallReceiver(call);
  if (!receiver) return;
  const origin = expandDefinitionText(file, receiver);
  if (!/\bfiles\b/.test(origin)) return;
  const destination = call.arguments[0];
  if (classifyDestination(file, destination) !== "project") return;
  const fn = findRequestFunction(file, call);
  if (treatsFileAsScratch(fn)) return;
  context.report({
    node: call,
    message: `express-fileupload's \`mv\` moves the uploaded file to \`${describePath(destination!)}\`, a folder on this server's disk.`,
    why: WHY,
    fix: FIX,
    example: DIRECT_UPLOAD_EXAMPLE,
    severity: rate(file, recordsLocation(fn)),
  });
}

/** Reports `fs.writeFile`, `createWriteStream`, `rename` and related calls that write an upload into a project folder from a handler. */
function checkFileSystemWrite(
  context: DetectorContext,
  call: ts.CallExpression,
): void {
  const { file } = context;
  const symbol = file.resolveSymbol(call.expression);
  if (!symbol || !FS_MODULES.includes(symbol.module)) return;
  const name = symbol.path[symbol.path.length - 1];
  const positions = name ? FS_WRITES[name] : undefined;
  if (!positions || !file.isInRequestScope(call)) return;

  const fn = findRequestFunction(file, call);
  const carriesUpload =
    positions.data < 0
      ? fn !== undefined && readsUpload(fn)
      : isUploadData(file, call.arguments[positions.data]);
  if (!carriesUpload) return;
  const destination = call.arguments[positions.destination];
  if (classifyDestination(file, destination) !== "project") return;
  if (treatsFileAsScratch(fn)) return;

  context.report({
    node: call,
    message: `A request handler writes an uploaded file to \`${describePath(destination!)}\` with \`${name}\`, a folder on this server's disk.`,
    why: WHY,
    fix: FIX,
    example: DIRECT_UPLOAD_EXAMPLE,
    severity: rate(file, recordsLocation(fn)),
  });
}

/** True for the temporary folder and for folders read only from the environment. */
function isSharedOrScratch(
  file: FileFacts,
  expression: ts.Expression,
): boolean {
  const kind = classifyDestination(file, expression);
  return kind === "temp" || kind === "environment";
}

function rate(file: FileFacts, recorded: boolean): Severity {
  return recorded || file.serverless ? "high" : "medium";
}

function describePath(expression: ts.Expression): string {
  const value = unwrapExpression(expression);
  const text = ts.isStringLiteralLike(value) ? value.text : value.getText();
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
