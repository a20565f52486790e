import type { Redis } from "ioredis";

/**
 * A lease on one of an installation's job slots, held in Redis so that the
 * limit holds across every worker process and machine.
 */
export interface InstallationLease {
  /** Extends the lease; false when it expired and another job may hold the slot. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export interface InstallationLimiter {
  /** Takes a slot, or returns undefined when all the installation's slots are held. */
  acquire(
    installationId: number,
    holder: string,
  ): Promise<InstallationLease | undefined>;
  /** Frees a holder's slot without its lease object, as on shutdown. */
  release(installationId: number, holder: string): Promise<void>;
}

export interface InstallationLimiterOptions {
  /** Key prefix; each installation's leases live in one sorted set under it. */
  keyPrefix: string;
  /** Slots per installation. */
  limit: number;
  /**
   * Lease length. A lease that its holder stops renewing, because the
   * process died, frees its slot when it expires.
   */
  leaseMs: number;
}

// Leases are members of a sorted set scored by their expiry time, read
// from the Redis server's clock so that workers' clocks cannot disagree.
const ACQUIRE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease_ms = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and
   redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + lease_ms, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease_ms)
return 1
`;

const RENEW_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease_ms = tonumber(ARGV[2])
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiry or tonumber(expiry) <= now then
  return 0
end
redis.call('ZADD', KEYS[1], now + lease_ms, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease_ms)
return 1
`;

/**
 * Creates a limiter of concurrent jobs per installation, so that one busy
 * organisation occupies at most `limit` workers and cannot starve the others
 * or send GitHub enough parallel requests to trip its secondary rate limit.
 */
export function createInstallationLimiter(
  redis: Redis,
  options: InstallationLimiterOptions,
): InstallationLimiter {
  const { keyPrefix, limit, leaseMs } = options;
  const release = async (installationId: number, holder: string) => {
    await redis.zrem(`${keyPrefix}:${installationId}`, holder);
  };
  return {
    release,
    async acquire(installationId, holder) {
      const key = `${keyPrefix}:${installationId}`;
      const taken = await redis.eval(
        ACQUIRE_SCRIPT,
        1,
        key,
        holder,
        limit,
        leaseMs,
      );
      if (taken !== 1) return undefined;
      return {
        renew: async () =>
          (await redis.eval(RENEW_SCRIPT, 1, key, holder, leaseMs)) === 1,
        release: () => release(installationId, holder),
      };
    },
  };
}
