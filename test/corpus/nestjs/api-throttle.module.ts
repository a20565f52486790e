import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ThrottlerGuard, ThrottlerModule, seconds } from '@nestjs/throttler';
import { PublicApiController } from './public-api.controller';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => [
        {
          ttl: seconds(config.get<number>('THROTTLE_TTL_SECONDS', 60)),
          limit: config.get<number>('THROTTLE_LIMIT', 30),
        },
      ],
    }),
  ],
  controllers: [PublicApiController],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
})
export class PublicApiModule {}
