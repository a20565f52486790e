import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import { PrismaService } from '../prisma/prisma.service';

export interface CreateUserInput {
  email: string;
  password: string;
  displayName: string;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  private readonly hashOptions: argon2.Options;

  constructor(
    private readonly prisma: PrismaService,
    config: ConfigService,
  ) {
    this.hashOptions = { memoryCost: config.get<number>('ARGON2_MEMORY_KIB', 19456), type: argon2.argon2id };
  }

  async create(input: CreateUserInput) {
    const passwordHash = await argon2.hash(input.password, this.hashOptions);
    const user = await this.prisma.user.create({
      data: { email: input.email.toLowerCase(), displayName: input.displayName, passwordHash },
      select: { id: true, email: true, displayName: true },
    });
    this.logger.log(`created user ${user.id}`);
    return user;
  }

  async findById(id: string) {
    const user = await this.prisma.user.findUnique({ where: { id } });
    if (!user) {
      throw new NotFoundException(`user ${id} not found`);
    }
    return user;
  }

  async updateDisplayName(id: string, displayName: string) {
    return this.prisma.user.update({ where: { id }, data: { displayName } });
  }
}
