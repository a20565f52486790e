import { describe, expect, it } from "vitest";

import { localUpload } from "../../src/detectors/local-upload.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("local-upload", () => {
  describeDetectorCases(localUpload, {
    valid: [
      {
        name: "multer memory storage streamed to S3",
        code: `const multer = require("multer");
const upload = multer({ storage: multer.memoryStorage() });
app.post("/avatar", upload.single("avatar"), async (req, res) => {
  await s3.send(new PutObjectCommand({ Bucket: "b", Key: req.user.id, Body: req.file.buffer }));
  res.sendStatus(204);
});`,
      },
      {
        name: "multer with no options keeps files in memory",
        code: `import multer from "multer";
const upload = multer();
app.post("/csv", upload.single("file"), (req, res) => res.json(parse(req.file.buffer)));`,
      },
      {
        name: "multer-s3 storage engine",
        path: "src/upload.ts",
        code: `import multer from "multer";
import multerS3 from "multer-s3";
export const upload = multer({ storage: multerS3({ s3, bucket: "avatars" }) });`,
      },
      {
        name: "cloudinary storage engine",
        code: `const multer = require("multer");
const { CloudinaryStorage } = require("multer-storage-cloudinary");
const upload = multer({ storage: new CloudinaryStorage({ cloudinary }) });`,
      },
      {
        name: "multer dest in the temp folder",
        code: `const os = require("os");
const multer = require("multer");
const upload = multer({ dest: os.tmpdir() });`,
      },
      {
        name: "multer dest from the environment",
        code: `const multer = require("multer");
const upload = multer({ dest: process.env.UPLOAD_DIR });`,
      },
      {
        name: "disk storage without destination uses the temp folder",
        code: `const multer = require("multer");
const storage = multer.diskStorage({
  filename: (req, file, cb) => cb(null, Date.now() + file.originalname),
});`,
      },
      {
        name: "disk upload sent on to cloudinary and deleted",
        code: `const multer = require("multer");
const upload = multer({ dest: "uploads/" });
app.post("/photo", upload.single("photo"), async (req, res) => {
  const result = await cloudinary.uploader.upload(req.file.path);
  await fs.promises.unlink(req.file.path);
  res.json({ url: result.secure_url });
});`,
      },
      {
        name: "lambda scratch file in /tmp",
        path: "src/handler.js",
        code: `const fs = require("fs");
exports.handler = async (event) => {
  const body = Buffer.from(event.body, "base64");
  fs.writeFileSync("/tmp/upload.bin", body);
  return { statusCode: 200 };
};`,
      },
      {
        name: "temp file deleted in the same request",
        code: `const fs = require("fs/promises");
app.post("/convert", async (req, res) => {
  const input = path.join(__dirname, "work", req.file.originalname);
  await fs.writeFile(input, req.file.buffer);
  const pdf = await convert(input);
  await fs.unlink(input);
  res.send(pdf);
});`,
      },
      {
        name: "file write of non-upload data",
        code: `const fs = require("fs");
app.post("/log", (req, res) => {
  fs.appendFileSync("logs/access.log", JSON.stringify(req.body));
  fs.writeFileSync(path.join(__dirname, "settings.json"), JSON.stringify(req.body.settings));
  res.end();
});`,
      },
      {
        name: "upload folder taken from the environment",
        code: `const fs = require("fs");
app.post("/upload", (req, res) => {
  fs.writeFileSync(path.join(process.env.UPLOAD_DIR, req.file.originalname), req.file.buffer);
  res.end();
});`,
      },
      {
        name: "formidable with its default temp folder",
        code: `const formidable = require("formidable");
app.post("/form", (req, res) => {
  const form = formidable({ maxFileSize: 5e6 });
  form.parse(req, (err, fields, files) => res.json(fields));
});`,
      },
    ],
    invalid: [
      {
        name: "multer dest saved to the database",
        code: `const express = require("express");
const multer = require("multer");
const upload = multer({ dest: "uploads/" });
const app = express();
app.post("/avatar", upload.single("avatar"), async (req, res) => {
  await User.findByIdAndUpdate(req.user.id, { avatar: req.file.path });
  res.sendStatus(204);
});`,
        findings: [
          {
            line: 3,
            column: 16,
            severity: "high",
            message: "`uploads/`",
          },
        ],
      },
      {
        name: "multer dest without evidence is medium",
        path: "src/middleware/upload.js",
        code: `const multer = require("multer");
module.exports = multer({ dest: "public/uploads" });`,
        findings: [{ line: 2, column: 18, severity: "medium" }],
      },
      {
        name: "disk storage used by a route in another file",
        path: "src/middleware/upload.ts",
        code: `import multer from "multer";
import path from "node:path";
const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, path.join(__dirname, "../uploads")),
  filename: (req, file, cb) => cb(null, \`\${Date.now()}-\${file.originalname}\`),
});
export const upload = multer({ storage });`,
        files: {
          "src/routes/docs.ts": `import { upload } from "../middleware/upload.js";
router.post("/docs", upload.single("doc"), async (req, res) => {
  res.json({ url: \`/uploads/\${req.file.filename}\` });
});`,
        },
        findings: [
          {
            line: 3,
            column: 17,
            severity: "high",
            message: "diskStorage",
          },
        ],
      },
      {
        name: "disk storage destination as a method",
        code: `import multer from "multer";
const storage = multer.diskStorage({
  destination(req, file, cb) {
    cb(null, "uploads/");
  },
});
const upload = multer({ storage });
router.post("/", upload.single("image"), (req, res) => {
  res.send(\`/\${req.file.path}\`);
});`,
        findings: [
          { line: 2, column: 17, severity: "high", message: "`uploads/`" },
        ],
      },
      {
        name: "inline disk storage with a string destination",
        code: `import { diskStorage } from "multer";
const upload = multer({ storage: diskStorage({ destination: "./files" }) });`,
        findings: [{ line: 2, column: 34, severity: "medium" }],
      },
      {
        name: "Nest FileInterceptor with disk storage",
        path: "src/users/users.controller.ts",
        code: `import { Controller, Post, UploadedFile, UseInterceptors } from "@nestjs/common";
import { FileInterceptor } from "@nestjs/platform-express";
import { diskStorage } from "multer";
@Controller("users")
export class UsersController {
  @Post("avatar")
  @UseInterceptors(FileInterceptor("file", { storage: diskStorage({ destination: "./uploads/avatars" }) }))
  upload(@UploadedFile() file: Express.Multer.File) {
    return this.users.update(file.filename);
  }
}`,
        findings: [{ line: 7, column: 55, severity: "high" }],
      },
      {
        name: "Nest MulterModule dest",
        path: "src/app.module.ts",
        code: `import { Module } from "@nestjs/common";
import { MulterModule } from "@nestjs/platform-express";
@Module({ imports: [MulterModule.register({ dest: "./upload" })] })
export class AppModule {}`,
        findings: [{ line: 3, column: 21, severity: "medium" }],
      },
      {
        name: "formidable uploadDir",
        code: `const formidable = require("formidable");
app.post("/upload", (req, res) => {
  const form = formidable({ uploadDir: path.join(__dirname, "uploads"), keepExtensions: true });
  form.parse(req, (err, fields, files) => res.json({ path: files.file.filepath }));
});`,
        findings: [{ line: 3, column: 16, severity: "high" }],
      },
      {
        name: "formidable IncomingForm with uploadDir assigned",
        code: `const formidable = require("formidable");
app.post("/upload", (req, res) => {
  const form = new formidable.IncomingForm();
  form.uploadDir = "./public/files";
  form.parse(req, () => res.end());
});`,
        findings: [{ line: 3, column: 16, severity: "medium" }],
      },
      {
        name: "express-fileupload mv into the project",
        code: `app.post("/upload", async (req, res) => {
  const { document } = req.files;
  await document.mv(path.join(__dirname, "uploads", document.name));
  await Doc.create({ owner: req.user.id, path: document.name });
  res.sendStatus(201);
});`,
        findings: [
          {
            line: 3,
            column: 9,
            severity: "high",
            message: "express-fileupload",
          },
        ],
      },
      {
        name: "Next.js route writing into public",
        path: "app/api/upload/route.ts",
        code: `import { writeFile } from "node:fs/promises";
import path from "node:path";
export async function POST(request: Request) {
  const data = await request.formData();
  const file = data.get("file") as File;
  const bytes = Buffer.from(await file.arrayBuffer());
  await writeFile(path.join(process.cwd(), "public/uploads", file.name), bytes);
  return Response.json({ ok: true });
}`,
        findings: [{ line: 7, column: 9, severity: "high" }],
      },
      {
        name: "fastify multipart piped to a project folder",
        path: "src/routes/upload.ts",
        code: `import fs from "node:fs";
import { pipeline } from "node:stream/promises";
fastify.post("/upload", async (request, reply) => {
  const data = await request.file();
  await pipeline(data.file, fs.createWriteStream(\`./uploads/\${data.filename}\`));
  return reply.send({ ok: true });
});`,
        findings: [{ line: 5, column: 29, severity: "medium" }],
      },
      {
        name: "moving a formidable temp file into the project",
        code: `const fs = require("fs");
app.post("/import", (req, res) => {
  form.parse(req, (err, fields, files) => {
    fs.renameSync(files.sheet.filepath, path.join(__dirname, "imports", files.sheet.originalFilename));
    res.end();
  });
});`,
        findings: [{ line: 4, column: 5, severity: "medium" }],
      },
    ],
  });

  it("points fix at object storage", () => {
    const [finding] = runDetector(localUpload, {
      name: "fix",
      code: `const multer = require("multer");
const upload = multer({ dest: "uploads/" });`,
    });
    expect(finding?.fix).toContain("object storage");
    expect(finding?.example).toContain("multerS3");
  });
});
