import type { Severity } from "../../types.js";

/** Kind of per-user container, which decides the explanation and the fix. */
export type StateKindId =
  | "denylist"
  | "refresh"
  | "attempts"
  | "otp"
  | "sse"
  | "sockets"
  | "session"
  | "cart"
  | "users"
  | "generic";

export interface StateKind {
  id: StateKindId;
  /** Plural noun for the entries, as in "a Map of sessions". */
  noun: string;
  /** The concrete failure behind a load balancer or after a restart. */
  why: string;
  fix: string;
  example: string;
  severity: Severity;
}

/**
 * Container names by kind, tried in this order on the lower-cased name, so
 * `refreshTokens` is a refresh-token list before it is a token table and
 * `otpAttempts` is a counter before it is an OTP store.
 */
const KIND_NAMES: readonly [StateKindId, RegExp][] = [
  ["denylist", /black|deny|revok|invalidated|blocked|banned|loggedout/],
  ["refresh", /refresh/],
  [
    "attempts",
    /attempt|tries|retries|fail|lockout|locked|strike|hits$|requestcount|ratelimit|throttl|limiter|counter|counts$/,
  ],
  [
    "otp",
    /otp|passcode|reset|magic|verif|oauth|pkce|nonce|challenge|twofa|2fa|mfa|invite|confirm|codes?$|(auth|login|csrf)states?$|pendinglogin|pendingsignup/,
  ],
  [
    "sse",
    /subscriber|listener|streams$|sse|eventclients|waiting|poller|longpoll/,
  ],
  [
    "sockets",
    /online|socket|presence|connected|peers$|^ws|websocket|clients$|connections$/,
  ],
  ["session", /session|^sess$|^sids?$|tokens?$|^logins?$|loggedin/],
  [
    "cart",
    /cart|basket|draft|wizard|checkout|wishlist|favou?rites|onboarding|progress|selection/,
  ],
  [
    "users",
    /^(users?|accounts?|members|customers|profiles|people|userdb|userstore|registered\w*)$|users$|accounts$/,
  ],
];

/** Further names that mark a container as holding something per user. */
const PER_USER_NAME =
  /user|uid|client|player|customer|member|visitor|account|profile|preference|pending|guest/;

/** Returns the kind a container's name suggests, or undefined for a neutral name. */
export function getKindByName(name: string): StateKindId | undefined {
  const lower = name.toLowerCase();
  return KIND_NAMES.find(([, pattern]) => pattern.test(lower))?.[0];
}

/** True when the container's name says it contains per-user data. */
export function isPerUserName(name: string): boolean {
  return (
    getKindByName(name) !== undefined || PER_USER_NAME.test(name.toLowerCase())
  );
}

/** True for names of job queues, which the in-memory job rule covers. */
export function isQueueName(name: string): boolean {
  return /(queue|jobs?|tasks?|backlog|outbox)$/i.test(name);
}

/** True for names of caches, whose cache-aside use is not per-user state. */
export function isCacheName(name: string): boolean {
  return /cache|memo/i.test(name);
}

const KINDS: Record<StateKindId, StateKind> = {
  session: {
    id: "session",
    noun: "sessions",
    why: "A login recorded in one process is known only to that replica: the load balancer sends the user's next request to another replica, which treats them as logged out, and every restart or deploy logs everyone out.",
    fix: "Keep sessions in Redis with an expiry (`SET sess:<sessionId> <json> EX 86400`), or use express-session with connect-redis's `RedisStore`, so every replica reads the same session.",
    example: `import { Redis } from "ioredis";

const redis = new Redis(process.env.REDIS_URL);

app.post("/login", async (req, res) => {
  const user = await authenticate(req.body);
  const sessionId = crypto.randomUUID();
  await redis.set(\`sess:\${sessionId}\`, JSON.stringify({ userId: user.id }), "EX", 86400);
  res.cookie("sid", sessionId, { httpOnly: true, secure: true });
  res.sendStatus(204);
});`,
    severity: "high",
  },
  cart: {
    id: "cart",
    noun: "per-user carts or drafts",
    why: "The data exists only in the replica that took the request: the user's next request may reach another replica and find it empty, and every restart or deploy wipes it for all users.",
    fix: "Store it in Redis keyed by user id with an expiry (`SET cart:<userId> <json> EX 604800`), or in a database table keyed by user id.",
    example: `app.post("/cart/items", async (req, res) => {
  const key = \`cart:\${req.user.id}\`;
  const cart = JSON.parse((await redis.get(key)) ?? "[]");
  cart.push(req.body.item);
  await redis.set(key, JSON.stringify(cart), "EX", 604800);
  res.json(cart);
});`,
    severity: "high",
  },
  refresh: {
    id: "refresh",
    noun: "refresh tokens",
    why: "A refresh token recorded on one replica is unknown to the others, so refreshing fails whenever the load balancer picks another replica, logging out there does not revoke it everywhere, and a restart signs every user out.",
    fix: "Keep refresh tokens in Redis or the database keyed by user and token id, store a hash, and let them expire with the token (`SET refresh:<userId>:<jti> <sha256> EX <refresh ttl>`); delete the key when the token is used or the user logs out.",
    example: `const key = \`refresh:\${userId}:\${jti}\`;
await redis.set(key, sha256(refreshToken), "EX", REFRESH_TTL_SECONDS);

// On refresh: rotate, so a stolen token works at most once.
const stored = await redis.getdel(key);
if (stored !== sha256(presentedToken)) return res.sendStatus(401);`,
    severity: "high",
  },
  denylist: {
    id: "denylist",
    noun: "revoked tokens",
    why: "A token revoked on one replica is still accepted by every other replica, and by all of them after a restart, so logging out does not stop a stolen token.",
    fix: "Record revocations in Redis for the token's remaining lifetime (`SET revoked:<jti> 1 EX <exp - now>`) and check `EXISTS revoked:<jti>` in the auth middleware, for example in express-jwt's `isRevoked`.",
    example: `app.post("/logout", async (req, res) => {
  const { jti, exp } = req.auth;
  const ttl = Math.max(exp - Math.floor(Date.now() / 1000), 1);
  await redis.set(\`revoked:\${jti}\`, "1", "EX", ttl);
  res.sendStatus(204);
});

const isRevoked = async (req, token) =>
  (await redis.exists(\`revoked:\${token.payload.jti}\`)) === 1;`,
    severity: "high",
  },
  otp: {
    id: "otp",
    noun: "one-time codes or tokens",
    why: "The code is stored on the replica that issued it: the verification request often reaches another replica, which rejects a valid code, and a restart invalidates every pending code.",
    fix: "Store a hash of the code in Redis with a short expiry and delete it when used (`SET otp:<email> <hash> EX 300`, then `GETDEL` on verify), or keep it in a database table with an `expires_at` column.",
    example: `await redis.set(\`otp:\${email}\`, sha256(code), "EX", 300);

// On verify: single use.
const stored = await redis.getdel(\`otp:\${email}\`);
if (stored !== sha256(req.body.code)) return res.status(400).send("Invalid code");`,
    severity: "high",
  },
  attempts: {
    id: "attempts",
    noun: "per-client attempt counters",
    why: "Each replica counts on its own, so with N replicas a client gets N times the allowed attempts, and a restart resets every counter.",
    fix: "Count in Redis (`INCR attempts:<ip>` followed by `EXPIRE attempts:<ip> 900`), or use rate-limiter-flexible's `RateLimiterRedis` or express-rate-limit with rate-limit-redis.",
    example: `const key = \`attempts:\${req.ip}\`;
const attempts = await redis.incr(key);
if (attempts === 1) await redis.expire(key, 900);
if (attempts > 5) return res.status(429).send("Too many attempts");`,
    severity: "medium",
  },
  sockets: {
    id: "sockets",
    noun: "connected users",
    why: "The registry knows only the users connected to this replica: a message for a user connected to another replica finds no entry and is lost, and online status is wrong as soon as there are two replicas.",
    fix: 'Join each socket to a room named after its user (`socket.join("user:" + userId)`) and emit to that room through the Socket.IO Redis adapter (`@socket.io/redis-adapter`); keep presence in Redis (`SADD online <userId>`, `SREM` on disconnect).',
    example: `import { createAdapter } from "@socket.io/redis-adapter";

io.adapter(createAdapter(pubClient, subClient));

io.on("connection", async (socket) => {
  const userId = socket.data.userId;
  socket.join(\`user:\${userId}\`);
  await redis.sadd("online", userId);
  socket.on("disconnect", () => redis.srem("online", userId));
});

// From any replica:
io.to(\`user:\${recipientId}\`).emit("message", payload);`,
    severity: "high",
  },
  sse: {
    id: "sse",
    noun: "open event-stream responses",
    why: "The list holds only the clients connected to this replica, so events raised on another replica never reach them.",
    fix: "Keep the local list of open responses, but publish events through Redis pub/sub (`PUBLISH events <json>`) and have every replica subscribe and write them to its own clients.",
    example: `const subscriber = redis.duplicate();
await subscriber.subscribe("events");
subscriber.on("message", (_channel, message) => {
  for (const client of localClients) client.res.write(\`data: \${message}\\n\\n\`);
});

// Publishers on any replica:
await redis.publish("events", JSON.stringify(event));`,
    severity: "medium",
  },
  users: {
    id: "users",
    noun: "user accounts",
    why: "Accounts created on one replica do not exist on the others, so login and passport's `deserializeUser` fail whenever the load balancer picks another replica, and every restart deletes all accounts.",
    fix: "Store users in a database and look them up by id (`User.findById(id)` in `deserializeUser`), or carry identity in a JWT checked with passport-jwt and `{ session: false }`.",
    example: `app.post("/signup", async (req, res) => {
  const user = await User.create({
    email: req.body.email,
    passwordHash: await bcrypt.hash(req.body.password, 12),
  });
  res.status(201).json({ id: user.id });
});

passport.deserializeUser(async (id, done) => {
  done(null, await User.findById(id));
});`,
    severity: "high",
  },
  generic: {
    id: "generic",
    noun: "per-user data",
    why: "Data kept in this process's memory is visible only to the replica that wrote it and is lost on restart, so a user whose next request reaches another replica finds it missing or stale.",
    fix: "Move the data to Redis keyed by user id with an expiry (`SET <prefix>:<userId> <json> EX <seconds>`), or to a database table keyed by user id.",
    example: `app.post("/preferences", async (req, res) => {
  await redis.set(\`prefs:\${req.user.id}\`, JSON.stringify(req.body), "EX", 2592000);
  res.sendStatus(204);
});`,
    severity: "high",
  },
};

export function getStateKind(id: StateKindId): StateKind {
  return KINDS[id];
}

/** Raises a severity one step, for module state in serverless functions that serve many users from one warm instance. */
export function raiseSeverity(severity: Severity): Severity {
  if (severity === "medium") return "high";
  if (severity === "high") return "critical";
  return severity;
}
