import { Body, Controller, Get, Inject, Injectable, Module, Put, UseGuards } from '@nestjs/common';
import { CACHE_MANAGER, CacheModule } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { CurrentUser, type AuthUser } from '../auth/current-user.decorator';

interface OnboardingProgress {
  step: number;
  answers: Record<string, unknown>;
}

@Injectable()
export class OnboardingService {
  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  async progress(userId: string): Promise<OnboardingProgress> {
    return (await this.cache.get<OnboardingProgress>(`onboarding:${userId}`)) ?? { step: 0, answers: {} };
  }

  async saveStep(userId: string, step: number, answers: Record<string, unknown>) {
    const current = await this.progress(userId);
    const next = { step: Math.max(current.step, step + 1), answers: { ...current.answers, ...answers } };
    await this.cache.set(`onboarding:${userId}`, next, 7 * 24 * 3600 * 1000);
    return next;
  }
}

@Controller('onboarding')
@UseGuards(JwtAuthGuard)
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get()
  get(@CurrentUser() user: AuthUser) {
    return this.onboarding.progress(user.id);
  }

  @Put()
  save(@CurrentUser() user: AuthUser, @Body() body: { step: number; answers: Record<string, unknown> }) {
    return this.onboarding.saveStep(user.id, body.step, body.answers);
  }
}

@Module({
  imports: [CacheModule.register({ ttl: 24 * 3600 * 1000 })],
  providers: [OnboardingService],
  controllers: [OnboardingController],
})
export class OnboardingModule {}
