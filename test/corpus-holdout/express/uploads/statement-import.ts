import { Router } from "express";
import multer from "multer";
import formidable from "formidable";
import { tmpdir } from "node:os";
import { readFile, unlink } from "node:fs/promises";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parseStatementCsv } from "../lib/statement-parser.js";
import { recordStatementFile } from "../db/statements.js";

const s3 = new S3Client({ region: process.env.AWS_REGION });
const inMemory = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 5 * 1024 * 1024 },
});

export const statementRouter = Router();

statementRouter.post(
  "/statements",
  inMemory.single("statement"),
  async (req, res, next) => {
    if (!req.file) {
      res.status(400).json({ error: "multipart field 'statement' is missing" });
      return;
    }
    const ownerId: string = res.locals.viewer.id;
    const key = `statements/${ownerId}/${Date.now()}.csv`;
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: process.env.STATEMENT_BUCKET,
          Key: key,
          Body: req.file.buffer,
          ContentType: "text/csv",
        }),
      );
      await recordStatementFile(ownerId, key);
      res.status(201).json({ key });
    } catch (err) {
      next(err);
    }
  },
);

// Bank exports can reach 50 MB; they are parsed from a temp file and dropped.
statementRouter.post("/statements/preview", async (req, res, next) => {
  const form = formidable({
    uploadDir: tmpdir(),
    maxFileSize: 50 * 1024 * 1024,
    maxFiles: 1,
  });
  let tempPath: string | undefined;
  try {
    const [, files] = await form.parse(req);
    const upload = files.statement?.[0];
    if (!upload) {
      res.status(400).json({ error: "multipart field 'statement' is missing" });
      return;
    }
    tempPath = upload.filepath;
    const rows = parseStatementCsv(await readFile(tempPath, "utf8"));
    res.json({ rowCount: rows.length, sample: rows.slice(0, 20) });
  } catch (err) {
    next(err);
  } finally {
    if (tempPath) await unlink(tempPath).catch(() => undefined);
  }
});
