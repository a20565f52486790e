import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.constants';

const ONLINE_TTL_SECONDS = 90;

// Presence is stored in Redis so every replica reads the same online users.
@Injectable()
export class PresenceService {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async heartbeat(userId: string, status: 'online' | 'away'): Promise<void> {
    await this.redis.set(`presence:${userId}`, status, 'EX', ONLINE_TTL_SECONDS);
  }

  async statuses(userIds: string[]): Promise<Record<string, string>> {
    if (userIds.length === 0) return {};
    const values = await this.redis.mget(userIds.map((id) => `presence:${id}`));
    return Object.fromEntries(userIds.map((id, i) => [id, values[i] ?? 'offline']));
  }

  async signOff(userId: string): Promise<void> {
    await this.redis.del(`presence:${userId}`);
  }
}
