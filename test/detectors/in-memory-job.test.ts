import { describe, expect, it } from "vitest";

import { inMemoryJob } from "../../src/detectors/in-memory-job.js";
import { analyze } from "../../src/engine/analyze.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("in-memory-job", () => {
  describeDetectorCases(inMemoryJob, {
    valid: [
      {
        name: "awaited sleep for a retry",
        code: `app.post("/charge", async (req, res) => {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return res.json(await charge(req.user.id, req.body.amount));
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 20000));
    }
  }
});`,
      },
      {
        name: "timers/promises sleep",
        path: "src/poll.ts",
        code: `import { setTimeout as sleep } from "node:timers/promises";
app.get("/status", async (req, res) => {
  await sleep(30000);
  res.json(await getStatus(req.params.id));
});`,
      },
      {
        name: "short timer on request values",
        code: `app.post("/welcome", (req, res) => {
  setTimeout(() => track(req.user.id), 500);
  res.end();
});`,
      },
      {
        name: "request timeout answering the client",
        code: `app.get("/report", (req, res) => {
  setTimeout(() => res.status(504).json({ error: "timed out", id: req.params.id }), 30000);
  buildReport(req.params.id).then((report) => res.json(report));
});`,
      },
      {
        name: "timer cleared in the same handler",
        code: `app.get("/slow", async (req, res) => {
  const timer = setTimeout(() => audit(req.user.id), 60000);
  await work();
  clearTimeout(timer);
  res.end();
});`,
      },
      {
        name: "expiry of an in-memory entry",
        code: `const otps = new Map();
app.post("/otp", (req, res) => {
  otps.set(req.body.email, code());
  setTimeout(() => otps.delete(req.body.email), 5 * 60 * 1000);
  res.end();
});`,
      },
      {
        name: "interval per socket connection",
        code: `io.on("connection", (socket) => {
  const heartbeat = setInterval(() => socket.emit("ping", socket.id), 25000);
  socket.on("disconnect", () => clearInterval(heartbeat));
});`,
      },
      {
        name: "start-up cron and interval",
        code: `const cron = require("node-cron");
const jobs = [];
cron.schedule("0 * * * *", () => cleanup());
setInterval(() => refreshRates(), 60000);
app.get("/jobs", (req, res) => res.json(jobs));`,
      },
      {
        name: "BullMQ queue",
        path: "src/queue.ts",
        code: `import { Queue } from "bullmq";
const emailQueue = new Queue("email", { connection });
app.post("/signup", async (req, res) => {
  emailQueue.add("welcome", { userId: req.user.id });
  res.sendStatus(201);
});`,
      },
      {
        name: "awaited p-queue limits concurrency",
        path: "src/thumbnails.ts",
        code: `import PQueue from "p-queue";
const queue = new PQueue({ concurrency: 2 });
app.post("/thumb", async (req, res) => {
  const image = await queue.add(() => resize(req.body.url));
  res.send(image);
});`,
      },
      {
        name: "Bottleneck clustered through Redis",
        code: `const Bottleneck = require("bottleneck");
const limiter = new Bottleneck({ datastore: "ioredis", clientOptions: { host: "redis" } });
app.post("/notify", (req, res) => {
  limiter.schedule(() => notify(req.user.id));
  res.end();
});`,
      },
      {
        name: "queue declared inside the handler",
        code: `app.post("/batch", async (req, res) => {
  const queue = [];
  for (const item of req.body.items) queue.push(item);
  while (queue.length) await handle(queue.shift());
  res.end();
});`,
      },
      {
        name: "job array that nothing drains",
        code: `const jobs = [];
app.post("/jobs", (req, res) => {
  jobs.push({ owner: req.user.id, title: req.body.title });
  res.status(201).end();
});`,
      },
      {
        name: "fastq job answered in its callback",
        code: `const fastq = require("fastq");
const queue = fastq(worker, 1);
app.post("/convert", (req, res) => {
  queue.push({ file: req.body.file }, (err, result) => res.json(result));
});`,
      },
      {
        name: "timer that uses no request data",
        code: `app.post("/admin/restart", (req, res) => {
  setTimeout(() => process.exit(0), 15000);
  res.end();
});`,
      },
    ],
    invalid: [
      {
        name: "array queue drained by an interval",
        code: `const express = require("express");
const app = express();
const emailQueue = [];

setInterval(() => {
  while (emailQueue.length) sendEmail(emailQueue.shift());
}, 5000);

app.post("/signup", (req, res) => {
  emailQueue.push({ to: req.body.email, template: "welcome" });
  res.sendStatus(202);
});`,
        findings: [
          {
            line: 3,
            column: 7,
            severity: "high",
            message: "`emailQueue` is a module-level job queue",
          },
        ],
      },
      {
        name: "map of jobs processed by a named worker",
        path: "src/exports.ts",
        code: `const pendingJobs = new Map<string, ExportJob>();
async function processJobs() {
  for (const [id, job] of pendingJobs) {
    await runExport(job);
    pendingJobs.delete(id);
  }
}
setInterval(processJobs, 1000);
router.post("/exports", (req, res) => {
  pendingJobs.set(crypto.randomUUID(), { userId: req.user.id });
  res.sendStatus(202);
});`,
        findings: [{ line: 1, column: 7, severity: "high" }],
      },
      {
        name: "worker loop kicked from the handler",
        code: `let tasks = [];
let running = false;
async function drain() {
  if (running) return;
  running = true;
  while (tasks.length > 0) await process(tasks.shift());
  running = false;
}
app.post("/resize", (req, res) => {
  tasks.push({ path: req.file.path, owner: req.user.id });
  drain();
  res.sendStatus(202);
});`,
        findings: [
          {
            line: 1,
            column: 5,
            severity: "high",
            message: "a worker loop drains",
          },
        ],
      },
      {
        name: "queue exported and fed from another file",
        path: "src/jobs/outbox.js",
        code: `export const outbox = [];
setInterval(() => {
  const batch = outbox.splice(0, 50);
  publish(batch);
}, 1000);`,
        files: {
          "src/routes/orders.js": `import { outbox } from "../jobs/outbox.js";
router.post("/orders", async (req, res) => {
  const order = await createOrder(req.body);
  outbox.push({ type: "order.created", orderId: order.id });
  res.status(201).json(order);
});`,
        },
        findings: [{ line: 1, column: 14, severity: "high" }],
      },
      {
        name: "p-queue fed without waiting",
        path: "src/mail.ts",
        code: `import PQueue from "p-queue";
const mailQueue = new PQueue({ concurrency: 1 });
app.post("/invite", (req, res) => {
  mailQueue.add(() => sendInvite(req.user.email, req.body.to));
  res.sendStatus(202);
});`,
        findings: [
          {
            line: 2,
            column: 7,
            severity: "high",
            message: "in-process queue (p-queue)",
          },
        ],
      },
      {
        name: "async.queue and fastq through require",
        code: `const async = require("async");
const fastq = require("fastq");
const q = async.queue(worker, 2);
const fq = fastq.promise(worker, 1);
app.post("/import", (req, res) => {
  q.push({ file: req.body.file, userId: req.user.id });
  void fq.push({ userId: req.user.id }).catch(log);
  res.sendStatus(202);
});`,
        findings: [
          { line: 3, column: 7, message: "async.queue" },
          { line: 4, column: 7, message: "fastq" },
        ],
      },
      {
        name: "bottleneck without a datastore",
        code: `const Bottleneck = require("bottleneck");
const limiter = new Bottleneck({ maxConcurrent: 1, minTime: 200 });
app.post("/sms", (req, res) => {
  limiter.schedule(() => sendSms(req.body.phone));
  res.end();
});`,
        findings: [{ line: 2, column: 7, severity: "high" }],
      },
      {
        name: "better-queue with its memory store",
        code: `const Queue = require("better-queue");
const queue = new Queue(processUpload, { store: { type: "memory" } });
app.post("/upload", (req, res) => {
  queue.push({ path: req.file.path });
  res.end();
});`,
        findings: [{ line: 2, column: 7 }],
      },
      {
        name: "queue fed with no request data is medium",
        code: `const PQueue = require("p-queue").default;
const queue = new PQueue();
app.post("/admin/sitemap", (req, res) => {
  queue.add(() => rebuildSitemap());
  res.end();
});`,
        findings: [{ line: 2, column: 7, severity: "medium" }],
      },
      {
        name: "reminder timer a day ahead",
        path: "src/trials.ts",
        code: `const DAY = 24 * 60 * 60 * 1000;
router.post("/trial", async (req, res) => {
  const user = await User.findById(req.user.id);
  setTimeout(() => sendReminder(user.email), DAY);
  res.sendStatus(201);
});`,
        findings: [
          {
            line: 4,
            column: 3,
            severity: "high",
            message: "runs in 1 d",
          },
        ],
      },
      {
        name: "timer with request data as extra arguments",
        code: `function sendReminder(userId) {
  return mailer.send(userId);
}
app.post("/trial", (req, res) => {
  setTimeout(sendReminder, 3 * 24 * 3600 * 1000, req.user.id);
  res.end();
});`,
        findings: [{ line: 5, column: 3, message: "in 3 d" }],
      },
      {
        name: "timer at a time from the request",
        code: `app.post("/remind", (req, res) => {
  setTimeout(() => notify(req.body.userId), new Date(req.body.at) - Date.now());
  res.end();
});`,
        findings: [
          {
            line: 2,
            column: 3,
            message: "at a time computed per request",
          },
        ],
      },
      {
        name: "interval per user",
        code: `app.post("/watch", (req, res) => {
  setInterval(() => checkPrice(req.user.id, req.body.sku), 60 * 1000);
  res.end();
});`,
        findings: [{ line: 2, column: 3, message: "every 1 min" }],
      },
      {
        name: "auto-cancel timer in a Nest service",
        path: "src/orders/orders.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class OrdersService {
  async place(userId: string, dto: PlaceOrderDto) {
    const order = await this.repo.save({ userId, ...dto });
    setTimeout(() => this.cancelIfUnpaid(order.id), ms("15m"));
    return order;
  }
}`,
        findings: [{ line: 6, column: 5, message: "in 15 min" }],
      },
      {
        name: "node-schedule job per request",
        code: `const schedule = require("node-schedule");
app.post("/remind", (req, res) => {
  schedule.scheduleJob(new Date(req.body.at), () => notify(req.user.id));
  res.end();
});`,
        findings: [{ line: 3, column: 3, message: "node-schedule" }],
      },
      {
        name: "serverless timer is critical",
        path: "app/api/remind/route.ts",
        code: `export async function POST(request: Request) {
  const { userId } = await request.json();
  setTimeout(() => sendReminder(userId), 3600000);
  return Response.json({ ok: true });
}`,
        findings: [{ line: 3, column: 3, severity: "critical" }],
      },
    ],
  });

  it("moves to changed feed line", () => {
    const path = "src/server.js";
    const text = `const jobQueue = [];
setInterval(() => jobQueue.splice(0).forEach(run), 1000);
app.post("/x", (req, res) => {
  jobQueue.push({ userId: req.user.id });
  res.end();
});`;
    const result = analyze([{ path, text }], {
      detectors: [inMemoryJob],
      changedLines: new Map([[path, new Set([4])]]),
    });
    expect(result.findings.map((finding) => finding.line)).toEqual([4]);
    expect(result.findings[0]?.fix).toContain("`jobQueue`");
    expect(result.findings[0]?.example).toContain("bullmq");
  });

  it("names library queue feed", () => {
    const [finding] = runDetector(inMemoryJob, {
      name: "feed text",
      code: `const fastq = require("fastq");
const queue = fastq(worker, 1);
app.post("/x", (req, res) => {
  queue.push({ userId: req.user.id });
  res.end();
});`,
    });
    expect(finding?.message).toContain("queue.push({ userId: req.user.id })");
  });
});
