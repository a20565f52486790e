import { Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import { DiscoveryService, Reflector } from "@nestjs/core";
import { WEBHOOK_EVENT } from "./webhook-event.decorator.js";

type WebhookHandler = (payload: unknown) => Promise<void>;

@Injectable()
export class WebhookDispatcher implements OnModuleInit {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly handlersByEvent = new Map<string, WebhookHandler[]>();
  private readonly ignoredEvents = new Set(["ping", "installation_target"]);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  // Filled once at boot from the @OnWebhook() decorated provider methods.
  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== "object") continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const method = instance[name];
        if (typeof method !== "function") continue;
        const event = this.reflector.get<string | undefined>(WEBHOOK_EVENT, method);
        if (!event) continue;
        const list = this.handlersByEvent.get(event) ?? [];
        list.push((method as WebhookHandler).bind(instance));
        this.handlersByEvent.set(event, list);
      }
    }
    this.logger.log(`webhook handlers registered for ${this.handlersByEvent.size} events`);
  }

  async dispatch(event: string, payload: unknown): Promise<number> {
    if (this.ignoredEvents.has(event)) return 0;
    const handlers = this.handlersByEvent.get(event) ?? [];
    await Promise.all(handlers.map((handler) => handler(payload)));
    return handlers.length;
  }
}
