import {
  Inject,
  Injectable,
  Scope,
  UnauthorizedException,
} from "@nestjs/common";
import { REQUEST } from "@nestjs/core";
import type { Request } from "express";

export interface TenantUser {
  id: string;
  tenantId: string;
  roles: readonly string[];
}

// One instance per request, so the cached user never crosses requests.
@Injectable({ scope: Scope.REQUEST })
export class RequestUser {
  private cached?: TenantUser;
  private readonly grantedRoles = new Set<string>();

  constructor(@Inject(REQUEST) private readonly request: Request) {}

  get(): TenantUser {
    if (this.cached) return this.cached;
    const user = this.request.user as TenantUser | undefined;
    if (!user) {
      throw new UnauthorizedException("request has no authenticated user");
    }
    this.cached = user;
    for (const role of user.roles) this.grantedRoles.add(role);
    return user;
  }

  has(role: string): boolean {
    this.get();
    return this.grantedRoles.has(role);
  }

  tenantId(): string {
    return this.get().tenantId;
  }
}
