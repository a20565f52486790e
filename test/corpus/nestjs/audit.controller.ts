import { Controller, Get, Param, Post, Req, UseGuards, ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';
import { AuthGuard } from '@nestjs/passport';
import { ReportsService } from './reports.service';
import { AuditService } from './audit.service';

interface SessionUser {
  id: string;
  orgId: string;
  isAdmin: boolean;
}

@Controller('reports')
@UseGuards(AuthGuard('jwt'))
export class ReportsController {
  private currentUser?: SessionUser;

  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
  ) {}

  @Get(':id')
  async findOne(@Req() req: Request, @Param('id') id: string) {
    this.currentUser = req.user as SessionUser;
    const report = await this.reports.findById(id);
    this.assertSameOrg(report.orgId);
    await this.audit.record(this.currentUser.id, 'report.view', id);
    return report;
  }

  @Post(':id/export')
  async export(@Req() req: Request, @Param('id') id: string) {
    this.currentUser = req.user as SessionUser;
    const report = await this.reports.findById(id);
    this.assertSameOrg(report.orgId);
    return this.reports.exportCsv(report, this.currentUser.id);
  }

  private assertSameOrg(orgId: string) {
    if (!this.currentUser?.isAdmin && this.currentUser?.orgId !== orgId) {
      throw new ForbiddenException();
    }
  }
}
