import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { WEBHOOK_EVENT } from './webhook-event.decorator';

type WebhookHandler = (payload: unknown) => Promise<void>;

@Injectable()
export class WebhookRegistry implements OnModuleInit {
  private readonly logger = new Logger(WebhookRegistry.name);
  private readonly handlers = new Map<string, WebhookHandler>();
  private readonly signingSecret: string;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    config: ConfigService,
  ) {
    this.signingSecret = config.getOrThrow('WEBHOOK_SECRET');
  }

  onModuleInit() {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance;
      if (!instance || typeof instance.handle !== 'function') continue;
      const event = this.reflector.get<string>(WEBHOOK_EVENT, instance.constructor);
      if (event) {
        this.handlers.set(event, instance.handle.bind(instance));
        this.logger.log(`registered webhook handler for ${event}`);
      }
    }
  }

  secret(): string {
    return this.signingSecret;
  }

  async dispatch(event: string, payload: unknown): Promise<boolean> {
    const handler = this.handlers.get(event);
    if (!handler) return false;
    await handler(payload);
    return true;
  }
}
