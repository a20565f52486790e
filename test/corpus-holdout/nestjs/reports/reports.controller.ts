import {
  Controller,
  ForbiddenException,
  Get,
  Query,
  Req,
  UseGuards,
} from "@nestjs/common";
import type { Request } from "express";
import { JwtAuthGuard } from "../auth/jwt-auth.guard.js";
import { ReportsService } from "./reports.service.js";

interface JwtUser {
  sub: string;
  tenantId: string;
  scopes: string[];
}

@Controller("reports")
@UseGuards(JwtAuthGuard)
export class ReportsController {
  private requester?: JwtUser;

  constructor(private readonly reports: ReportsService) {}

  @Get("revenue")
  async revenue(
    @Req() req: Request,
    @Query("from") from: string,
    @Query("to") to: string,
  ) {
    this.requester = req.user as JwtUser;
    this.assertScope("reports:read");
    const rows = await this.reports.revenueByDay(this.requester.tenantId, from, to);
    return { tenantId: this.requester.tenantId, rows };
  }

  @Get("churn")
  async churn(@Req() req: Request) {
    this.requester = req.user as JwtUser;
    this.assertScope("reports:churn");
    const cohorts = await this.reports.churnCohorts(this.requester.tenantId);
    return { tenantId: this.requester.tenantId, cohorts };
  }

  private assertScope(scope: string): void {
    if (!this.requester?.scopes.includes(scope)) {
      throw new ForbiddenException(`token lacks scope ${scope}`);
    }
  }
}
