/** The failure of a per-process rate limit once the service runs on several replicas. */
export const RATE_LIMIT_WHY =
  "Each replica counts requests in its own memory, so behind a load balancer with N replicas a client gets up to N times the limit, and every restart or deploy resets the counters.";

/** The same failure where the limit protects credentials or one-time codes. */
export const RATE_LIMIT_WHY_AUTH =
  "Each replica counts attempts in its own memory, so behind a load balancer with N replicas an attacker gets up to N times the allowed password or code guesses, and every restart or deploy resets the counters.";
