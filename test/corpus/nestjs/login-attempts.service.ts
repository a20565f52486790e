import { Injectable, UnauthorizedException, HttpException, HttpStatus } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { UsersRepository } from './users.repository';

const MAX_FAILURES = 5;
const LOCKOUT_MS = 10 * 60 * 1000;

@Injectable()
export class AuthService {
  private failedAttempts = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
  ) {}

  async signIn(email: string, password: string): Promise<{ accessToken: string }> {
    const key = email.toLowerCase();
    const record = this.failedAttempts.get(key);
    if (record && record.until > Date.now()) {
      throw new HttpException('account locked, try again later', HttpStatus.TOO_MANY_REQUESTS);
    }

    const user = await this.users.findByEmail(key);
    if (!user || !(await argon2.verify(user.passwordHash, password))) {
      const count = (record?.count ?? 0) + 1;
      this.failedAttempts.set(key, { count, until: count >= MAX_FAILURES ? Date.now() + LOCKOUT_MS : 0 });
      throw new UnauthorizedException();
    }

    this.failedAttempts.delete(key);
    return { accessToken: await this.jwt.signAsync({ sub: user.id, email: user.email }) };
  }
}
