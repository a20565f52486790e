import Router from "@koa/router";
import type { Pool } from "pg";

type Step = "company" | "billing" | "team" | "done";

interface WizardProgress {
  step: Step;
  answers: Partial<Record<Step, unknown>>;
  touchedAt: number;
}

const ORDER: Step[] = ["company", "billing", "team", "done"];

function startingPoint(): WizardProgress {
  return { step: "company", answers: {}, touchedAt: Date.now() };
}

export function createOnboardingRouter(db: Pool): Router {
  const router = new Router({ prefix: "/onboarding" });
  const progressByUser = new Map<string, WizardProgress>();

  router.get("/", (ctx) => {
    ctx.body = progressByUser.get(ctx.state.user.id) ?? startingPoint();
  });

  router.post("/:step", async (ctx) => {
    const userId: string = ctx.state.user.id;
    const step = ctx.params.step as Step;
    const current = progressByUser.get(userId) ?? startingPoint();
    if (step !== current.step) {
      ctx.throw(409, `expected step ${current.step}, got ${step}`);
    }

    const next = ORDER[ORDER.indexOf(step) + 1] ?? "done";
    const answers = { ...current.answers, [step]: ctx.request.body };
    if (next === "done") {
      await db.query(
        "insert into organisations (owner_id, profile) values ($1, $2)",
        [userId, answers],
      );
      progressByUser.delete(userId);
    } else {
      progressByUser.set(userId, { step: next, answers, touchedAt: Date.now() });
    }
    ctx.body = { next };
  });

  router.delete("/", (ctx) => {
    progressByUser.delete(ctx.state.user.id);
    ctx.status = 204;
  });

  return router;
}
