import { describe, expect, it } from "vitest";

import { singletonState } from "../../src/detectors/singleton-state.js";
import { analyze } from "../../src/engine/analyze.js";
import {
  describeDetectorCases,
  runDetector,
} from "../support/detector-cases.js";

describe("singleton-state", () => {
  describeDetectorCases(singletonState, {
    valid: [
      {
        name: "request-scoped provider",
        path: "src/cart/cart.service.ts",
        code: `import { Injectable, Scope } from "@nestjs/common";
@Injectable({ scope: Scope.REQUEST })
export class CartService {
  private carts = new Map<string, string[]>();
  add(userId: string, item: string) {
    this.carts.set(userId, [item]);
  }
}`,
      },
      {
        name: "provider that injects REQUEST",
        path: "src/audit/audit.service.ts",
        code: `import { Inject, Injectable } from "@nestjs/common";
import { REQUEST } from "@nestjs/core";
@Injectable()
export class AuditService {
  private currentUser: User | null = null;
  constructor(@Inject(REQUEST) private readonly request: Request) {}
  remember() {
    this.currentUser = this.request.user;
  }
}`,
      },
      {
        name: "controller injecting a request-scoped service",
        path: "src/cart/cart.controller.ts",
        code: `import { Controller, Post, Req } from "@nestjs/common";
import { CartContext } from "./cart-context.js";
@Controller("cart")
export class CartController {
  private carts = new Map();
  constructor(private readonly context: CartContext) {}
  @Post()
  add(@Req() req) {
    this.carts.set(req.user.id, req.body);
  }
}`,
        files: {
          "src/cart/cart-context.ts": `import { Injectable, Scope } from "@nestjs/common";
@Injectable({ scope: Scope.REQUEST })
export class CartContext {}`,
        },
      },
      {
        name: "handler map filled at module init",
        path: "src/events/dispatcher.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class Dispatcher {
  private handlers = new Map<string, Handler>();
  onModuleInit() {
    this.handlers.set("user.created", new WelcomeHandler());
    this.loadPlugins();
  }
  private loadPlugins() {
    this.handlers.set("order.paid", new ReceiptHandler());
  }
  dispatch(event: Event) {
    return this.handlers.get(event.type)?.handle(event);
  }
}`,
      },
      {
        name: "strategy registry keyed by type name",
        path: "src/payments/registry.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class PaymentRegistry {
  private strategies = new Map<string, PaymentStrategy>();
  register(type: string, strategy: PaymentStrategy) {
    this.strategies.set(type, strategy);
  }
}`,
      },
      {
        name: "gateway server field and injected services",
        path: "src/chat/chat.gateway.ts",
        code: `import { WebSocketGateway, WebSocketServer, SubscribeMessage, MessageBody } from "@nestjs/websockets";
@WebSocketGateway()
export class ChatGateway {
  @WebSocketServer() server: Server;
  constructor(private readonly messages: MessagesService) {}
  @SubscribeMessage("message")
  async handle(@MessageBody() body: MessageDto) {
    const saved = await this.messages.create(body);
    this.server.emit("message", saved);
  }
}`,
      },
      {
        name: "cache of shared data keyed by product id",
        path: "src/catalog/catalog.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class CatalogService {
  private cache = new Map<string, Product>();
  async getProduct(id: string) {
    const product = await this.repo.findOne(id);
    this.cache.set(id, product);
    return product;
  }
}`,
      },
      {
        name: "machine token cached in a client",
        path: "src/billing/billing.client.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class BillingClient {
  private token?: string;
  async getToken() {
    if (!this.token) {
      const response = await fetch(process.env.BILLING_TOKEN_URL);
      this.token = (await response.json()).access_token;
    }
    return this.token;
  }
}`,
      },
      {
        name: "request counter is not user state",
        path: "src/health/health.controller.ts",
        code: `import { Controller, Get } from "@nestjs/common";
@Controller("health")
export class HealthController {
  private checks = 0;
  @Get()
  check() {
    this.checks++;
    return { ok: true };
  }
}`,
      },
      {
        name: "DTO and entity classes built per request",
        path: "src/orders/orders.ts",
        code: `export class Cart {
  items: string[] = [];
  add(item: string) { this.items.push(item); }
}
app.post("/cart", (req, res) => {
  const cart = new Cart();
  cart.add(req.body.item);
  res.json(cart);
});`,
      },
      {
        name: "scheduled job writes its own field",
        path: "src/stats/stats.service.ts",
        code: `import { Injectable } from "@nestjs/common";
import { Cron } from "@nestjs/schedule";
@Injectable()
export class StatsService {
  private sessions = new Map<string, number>();
  @Cron("*/5 * * * *")
  refresh() {
    this.sessions.set("total", 42);
  }
}`,
      },
      {
        name: "static lookup table filled at start-up",
        code: `class Codes {
  static readonly byName = new Map();
  static register(name, code) { Codes.byName.set(name, code); }
}
Codes.register("ok", 200);
app.get("/code", (req, res) => res.json(Codes.byName.get(req.query.name)));`,
      },
      {
        name: "plain class instantiated per request",
        code: `class SessionDraft {
  sessions = {};
  save(req) { this.sessions[req.sessionID] = req.body; }
}
app.post("/draft", (req, res) => {
  const draft = new SessionDraft();
  draft.save(req);
  res.end();
});`,
      },
      {
        name: "decorated field is injected",
        path: "src/users/users.service.ts",
        code: `import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
@Injectable()
export class UsersService {
  @InjectRepository(User) private readonly users: Repository<User>;
  async create(@Body() dto: CreateUserDto) {
    return this.users.save(dto);
  }
}`,
      },
      {
        name: "redis client field written with a user key",
        path: "src/cart/redis-cart.service.ts",
        code: `import { Injectable } from "@nestjs/common";
import Redis from "ioredis";
@Injectable()
export class RedisCartService {
  private redis = new Redis(process.env.REDIS_URL);
  add(userId: string, item: string) {
    return this.redis.set(\`cart:\${userId}\`, item);
  }
}`,
      },
      {
        name: "request log of a provider",
        path: "src/audit/request-log.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class RequestLogService {
  private requestLogs: LogEntry[] = [];
  record(@Req() req) {
    this.requestLogs.push({ user: req.user.id, path: req.path });
  }
}`,
      },
      {
        name: "user list replaced with loaded data",
        path: "src/users/users.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class UsersService {
  private users: User[] = [];
  async refresh() {
    this.users = await this.repo.find();
    return this.users;
  }
}`,
      },
      {
        name: "undecorated base class without a singleton subclass",
        path: "src/base.gateway.ts",
        code: `export abstract class BaseGateway {
  protected clients = new Map<string, string>();
  handleConnection(client: Socket) {
    this.clients.set(client.id, client.handshake.auth.userId);
  }
}`,
      },
      {
        name: "test file is not analysed",
        path: "src/cart/cart.service.spec.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class CartService {
  private carts = new Map();
  add(userId: string) { this.carts.set(userId, []); }
}`,
      },
    ],
    invalid: [
      {
        name: "nest provider cart map keyed by user id",
        path: "src/cart/cart.service.ts",
        code: `import { Injectable } from "@nestjs/common";

@Injectable()
export class CartService {
  private readonly carts = new Map<string, CartItem[]>();

  addItem(userId: string, item: CartItem) {
    const items = this.carts.get(userId) ?? [];
    this.carts.set(userId, [...items, item]);
  }
}`,
        findings: [
          {
            line: 5,
            column: 3,
            severity: "high",
            message: "per-user key `userId`",
          },
        ],
      },
      {
        name: "scalar current user on a controller",
        path: "src/profile/profile.controller.ts",
        code: `import { Controller, Get, Req } from "@nestjs/common";
@Controller("profile")
export class ProfileController {
  private currentUser: User;
  @Get()
  async me(@Req() req) {
    this.currentUser = req.user;
    return this.load();
  }
}`,
        findings: [
          {
            line: 4,
            column: 3,
            severity: "critical",
            message: "assigns it `req.user`",
          },
        ],
      },
      {
        name: "scalar user set by a guard",
        path: "src/auth/jwt.guard.ts",
        code: `import { CanActivate, ExecutionContext, Injectable } from "@nestjs/common";
@Injectable()
export class JwtGuard implements CanActivate {
  private user: Claims | null = null;
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest();
    this.user = this.jwt.verify(request.headers.authorization);
    return true;
  }
}`,
        findings: [{ line: 4, column: 3, severity: "critical" }],
      },
      {
        name: "gateway online users keyed by socket id",
        path: "src/chat/presence.gateway.ts",
        code: `import { WebSocketGateway, OnGatewayConnection } from "@nestjs/websockets";
@WebSocketGateway()
export class PresenceGateway implements OnGatewayConnection {
  private onlineUsers = new Map<string, string>();
  handleConnection(client: Socket) {
    this.onlineUsers.set(client.id, client.handshake.auth.userId);
  }
  handleDisconnect(client: Socket) {
    this.onlineUsers.delete(client.id);
  }
}`,
        findings: [
          {
            line: 4,
            column: 3,
            severity: "high",
            message: "per-user key `client.id`",
          },
        ],
      },
      {
        name: "transient provider with a sessions object",
        path: "src/auth/session.service.ts",
        code: `import { Injectable, Scope } from "@nestjs/common";
@Injectable({ scope: Scope.TRANSIENT })
export class SessionService {
  private sessions: Record<string, Session> = {};
  open(token: string, session: Session) {
    this.sessions[token] = session;
  }
}`,
        findings: [
          { line: 4, column: 3, severity: "high", message: "transient scope" },
        ],
      },
      {
        name: "field declared in the constructor of a service",
        path: "src/otp/otp.service.js",
        code: `const { Injectable } = require("@nestjs/common");
@Injectable()
class OtpService {
  constructor(mailer) {
    this.mailer = mailer;
    this.codes = {};
  }
  send(email) {
    this.codes[email] = Math.floor(Math.random() * 1e6);
  }
}`,
        findings: [{ line: 6, column: 5, severity: "high" }],
      },
      {
        name: "per-user name without a visible key",
        path: "src/users/users.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class UsersService {
  private users: User[] = [];
  register(user: User) {
    this.users.push(user);
  }
}`,
        findings: [{ line: 4, column: 3, severity: "high" }],
      },
      {
        name: "per-user cache is low",
        path: "src/profile/profile.service.ts",
        code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class ProfileService {
  private profileCache = new Map<string, Profile>();
  async load(@Param("userId") userId: string) {
    const profile = await this.repo.findOne(userId);
    this.profileCache.set(userId, profile);
    return profile;
  }
}`,
        findings: [{ line: 4, column: 3, severity: "low" }],
      },
      {
        name: "static sessions map written from a static method",
        code: `const express = require("express");
class SessionStore {
  static sessions = new Map();
  static create(user) {
    const id = crypto.randomUUID();
    this.sessions.set(id, user);
    return id;
  }
}
const app = express();
app.post("/login", (req, res) => {
  res.json({ id: SessionStore.create(req.user) });
});`,
        findings: [{ line: 3, column: 3, severity: "high" }],
      },
      {
        name: "static readonly map written from another file",
        path: "src/auth/token-store.ts",
        code: `export class TokenStore {
  static readonly revoked = new Set<string>();
}`,
        files: {
          "src/auth/logout.ts": `import { TokenStore } from "./token-store.js";
router.post("/logout", (req, res) => {
  TokenStore.revoked.add(req.auth.jti);
  res.sendStatus(204);
});`,
        },
        findings: [{ line: 2, column: 3, severity: "high" }],
      },
      {
        name: "static current user through this.constructor",
        code: `class BaseController {
  static currentUser = null;
  handle(req, res) {
    this.constructor.currentUser = req.user;
    res.end();
  }
}`,
        findings: [{ line: 2, column: 3, severity: "critical" }],
      },
      {
        name: "default-exported instance used by routes in another file",
        path: "src/services/cart-service.js",
        code: `class CartService {
  constructor() {
    this.carts = {};
  }
  add(userId, item) {
    this.carts[userId] = [...(this.carts[userId] || []), item];
  }
}
module.exports = new CartService();`,
        files: {
          "src/routes/cart.js": `const cartService = require("../services/cart-service");
router.post("/cart", (req, res) => {
  cartService.add(req.user.id, req.body.item);
  res.sendStatus(204);
});`,
        },
        findings: [{ line: 3, column: 5, severity: "high" }],
      },
      {
        name: "ESM default instance with a scalar token",
        path: "src/lib/api-client.ts",
        code: `class ApiClient {
  private authToken: string | null = null;
  setToken(token: string) {
    this.authToken = token;
  }
}
export default new ApiClient();`,
        files: {
          "src/middleware/auth.ts": `import apiClient from "../lib/api-client.js";
export function forwardAuth(req, res, next) {
  apiClient.setToken(req.headers.authorization);
  next();
}`,
        },
        findings: [{ line: 2, column: 3, severity: "critical" }],
      },
      {
        name: "module instance of an Express controller class",
        path: "src/controllers/auth.ts",
        code: `class AuthController {
  private sessions: Record<string, string> = {};
  login = async (req: Request, res: Response) => {
    this.sessions[req.sessionID] = req.user.id;
    res.send("ok");
  };
}
const controller = new AuthController();
router.post("/login", controller.login);`,
        findings: [{ line: 2, column: 3, severity: "high" }],
      },
      {
        name: "private field of a module instance",
        path: "src/presence.js",
        code: `class Presence {
  #onlineUsers = new Map();
  join(userId, socketId) {
    this.#onlineUsers.set(userId, socketId);
  }
}
export const presence = new Presence();
io.on("connection", (socket) => {
  presence.join(socket.data.userId, socket.id);
});`,
        findings: [{ line: 2, column: 3, severity: "high" }],
      },
      {
        name: "getInstance singleton",
        path: "src/session-manager.ts",
        code: `export class SessionManager {
  private static instance: SessionManager;
  private activeSessions = new Map<string, Session>();
  static getInstance() {
    if (!SessionManager.instance) SessionManager.instance = new SessionManager();
    return SessionManager.instance;
  }
  start(sessionId: string, session: Session) {
    this.activeSessions.set(sessionId, session);
  }
}
app.post("/login", (req, res) => {
  SessionManager.getInstance().start(req.sessionID, { user: req.user });
  res.end();
});`,
        findings: [{ line: 3, column: 3, severity: "high" }],
      },
      {
        name: "base class of a Nest gateway",
        path: "src/realtime/base.gateway.ts",
        code: `export abstract class BaseGateway {
  protected clients = new Map<string, string>();
  handleConnection(client: Socket) {
    this.clients.set(client.id, client.handshake.auth.userId);
  }
}`,
        files: {
          "src/realtime/chat.gateway.ts": `import { WebSocketGateway } from "@nestjs/websockets";
import { BaseGateway } from "./base.gateway.js";
@WebSocketGateway()
export class ChatGateway extends BaseGateway {}`,
        },
        findings: [
          {
            line: 2,
            column: 3,
            severity: "high",
            message: "base class of the NestJS gateway `ChatGateway`",
          },
        ],
      },
      {
        name: "typedi service keeps drafts",
        path: "src/drafts/draft.service.ts",
        code: `import { Service } from "typedi";
@Service()
export class DraftService {
  private drafts = new Map<string, Draft>();
  save(userId: string, draft: Draft) {
    this.drafts.set(userId, draft);
  }
}`,
        findings: [{ line: 4, column: 3, severity: "high" }],
      },
      {
        name: "serverless file raises a collection to critical",
        path: "app/api/cart/route.ts",
        code: `class CartStore {
  carts = new Map<string, string[]>();
  add(userId: string, item: string) {
    this.carts.set(userId, [item]);
  }
}
const store = new CartStore();
export async function POST(request: Request) {
  const { userId, item } = await request.json();
  store.add(userId, item);
  return Response.json({ ok: true });
}`,
        findings: [{ line: 2, column: 3, severity: "critical" }],
      },
    ],
  });

  it("moves to changed write line", () => {
    const path = "src/cart/cart.service.ts";
    const text = `import { Injectable } from "@nestjs/common";
@Injectable()
export class CartService {
  private carts = new Map<string, string[]>();
  add(userId: string, item: string) {
    this.carts.set(userId, [item]);
  }
}`;
    const result = analyze([{ path, text }], {
      detectors: [singletonState],
      changedLines: new Map([[path, new Set([6])]]),
    });
    expect(result.findings.map((finding) => finding.line)).toEqual([6]);
    expect(result.findings[0]?.fix).toContain("`carts`");
  });

  it("gives Nest fix for provider", () => {
    const [finding] = runDetector(singletonState, {
      name: "nest example",
      path: "src/auth/auth.service.ts",
      code: `import { Injectable } from "@nestjs/common";
@Injectable()
export class AuthService {
  private currentUser?: User;
  login(@CurrentUser() user: User) {
    this.currentUser = user;
  }
}`,
    });
    expect(finding?.severity).toBe("critical");
    expect(finding?.fix).toContain("Scope.REQUEST");
    expect(finding?.example).toContain("@CurrentUser()");
  });
});
