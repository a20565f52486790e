import type { Server } from "@hapi/hapi";
import Boom from "@hapi/boom";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import cron from "node-cron";
import { purgeExpiredExports } from "../db/exports.js";
import { fetchInvoicePdf, isRetryable } from "../billing/invoices.js";

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", {
  maxRetriesPerRequest: null,
});
export const exportQueue = new Queue("csv-exports", { connection });

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function registerExportRoutes(server: Server): void {
  // Runs on every instance; the delete is idempotent, so repeats are harmless.
  cron.schedule("15 3 * * *", () => {
    purgeExpiredExports().catch((err) =>
      server.log(["error", "exports"], `purge failed: ${String(err)}`),
    );
  });

  server.route({
    method: "POST",
    path: "/exports",
    handler: async (request, h) => {
      const userId = request.auth.credentials.user?.id as string;
      const job = await exportQueue.add(
        "orders-csv",
        { userId, range: (request.payload as { range?: string })?.range ?? "30d" },
        { attempts: 3, removeOnComplete: 1000 },
      );
      return h.response({ jobId: job.id }).code(202);
    },
  });

  server.route({
    method: "GET",
    path: "/invoices/{id}/pdf",
    handler: async (request, h) => {
      const userId = request.auth.credentials.user?.id as string;
      // The billing API returns 503 during its deploys, so retry in this request.
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        try {
          const pdf = await fetchInvoicePdf(request.params.id, userId);
          return h.response(pdf).type("application/pdf");
        } catch (err) {
          if (!isRetryable(err) || attempt === 3) throw err;
          await wait(200 * 2 ** attempt);
        }
      }
      throw Boom.badImplementation("unreachable retry exit");
    },
  });
}
