import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import type { Request } from 'express';
import { PrismaService } from '../prisma/prisma.service';

interface Principal {
  id: string;
  orgId: string;
}

@Injectable({ scope: Scope.REQUEST })
export class TenantContext {
  private principal?: Principal;
  private readonly visitedProjects = new Set<string>();

  constructor(
    @Inject(REQUEST) private readonly request: Request,
    private readonly prisma: PrismaService,
  ) {}

  get user(): Principal {
    this.principal ??= this.request.user as Principal;
    return this.principal;
  }

  async project(projectId: string) {
    this.visitedProjects.add(projectId);
    return this.prisma.project.findFirstOrThrow({
      where: { id: projectId, orgId: this.user.orgId },
    });
  }

  visitedCount(): number {
    return this.visitedProjects.size;
  }
}
