import { Module } from "@nestjs/common";
import { APP_GUARD } from "@nestjs/core";
import { ConfigModule } from "@nestjs/config";
import { ThrottlerGuard, ThrottlerModule, seconds } from "@nestjs/throttler";
import { CartModule } from "./cart/cart.module.js";
import { ReportsModule } from "./reports/reports.module.js";
import { WebhooksModule } from "./webhooks/webhooks.module.js";

const throttlers = [
  { name: "burst", ttl: seconds(1), limit: 5 },
  { name: "sustained", ttl: seconds(60), limit: 100 },
];

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true }),
    ThrottlerModule.forRoot({
      throttlers,
      errorMessage: "Too many requests, slow down",
    }),
    CartModule,
    ReportsModule,
    WebhooksModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
})
export class AppModule {}
