import { Router, type NextFunction, type Request, type Response } from "express";
import { auditLog } from "../audit/audit-log.js";
import { findUser } from "../db/users.js";

interface Grant {
  supportAgentId: string;
  targetUserId: string;
  expiresAt: number;
}

const GRANT_TTL_MS = 30 * 60 * 1000;

class ImpersonationController {
  // Active support sessions, keyed by support agent id.
  static activeGrants = new Map<string, Grant>();

  private lastAgentId: string | undefined;

  start = async (req: Request, res: Response): Promise<void> => {
    const agent = req.user as { id: string };
    this.lastAgentId = agent.id;
    const target = await findUser(req.params.userId ?? "");
    if (!target) {
      res.status(404).json({ error: `user ${req.params.userId} not found` });
      return;
    }
    ImpersonationController.activeGrants.set(agent.id, {
      supportAgentId: agent.id,
      targetUserId: target.id,
      expiresAt: Date.now() + GRANT_TTL_MS,
    });
    await auditLog("impersonation.start", {
      agent: this.lastAgentId,
      target: target.id,
    });
    res.status(201).json({ targetUserId: target.id });
  };

  stop = async (req: Request, res: Response): Promise<void> => {
    const agent = req.user as { id: string };
    ImpersonationController.activeGrants.delete(agent.id);
    await auditLog("impersonation.stop", { agent: agent.id });
    res.status(204).end();
  };

  resolveTarget = (req: Request, res: Response, next: NextFunction): void => {
    const agent = req.user as { id: string } | undefined;
    const grant = agent && ImpersonationController.activeGrants.get(agent.id);
    if (grant && grant.expiresAt > Date.now()) {
      res.locals.actingAs = grant.targetUserId;
    }
    next();
  };
}

const controller = new ImpersonationController();

export const impersonationRouter = Router();
impersonationRouter.post("/support/impersonate/:userId", controller.start);
impersonationRouter.delete("/support/impersonate", controller.stop);
impersonationRouter.use(controller.resolveTarget);
