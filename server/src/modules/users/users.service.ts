import { Injectable } from '@nestjs/common';
import { ErrorCode, type Locale, type UpdateMeInput } from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { UserEntity } from './users.entity';
import { emailKey } from './users.util';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  locale?: Locale;
}

@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(UserEntity);
  }

  /** 409 EMAIL_TAKEN when the email (case-insensitively) is in use. */
  async create(input: NewUser, manager?: EntityManager): Promise<UserEntity> {
    const key = emailKey(input.email);
    const rows = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values({
        email: input.email.trim(),
        emailKey: key,
        passwordHash: input.passwordHash,
        displayName: input.displayName,
        locale: input.locale ?? 'en',
      })
      .orIgnore()
      .returning('*')
      .execute();
    if (!rows.raw.length) {
      throw new DomainError(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists');
    }
    return this.get(rows.raw[0].id, manager);
  }

  async get(id: string, manager?: EntityManager): Promise<UserEntity> {
    const user = await this.repo(manager).findOneBy({ id });
    if (!user) throw notFound('User');
    return user;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ id });
  }

  async findByIds(ids: string[]): Promise<Map<string, UserEntity>> {
    if (!ids.length) return new Map();
    const users = await this.repo().findBy({ id: In([...new Set(ids)]) });
    return new Map(users.map((u) => [u.id, u]));
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ emailKey: emailKey(email) });
  }

  /** The user with its password hash, for login only. */
  findCredentials(email: string): Promise<UserEntity | null> {
    return this.repo()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.emailKey = :key', { key: emailKey(email) })
      .getOne();
  }

  async update(id: string, input: UpdateMeInput): Promise<UserEntity> {
    const patch: Partial<UserEntity> = {};
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.locale !== undefined) patch.locale = input.locale;
    if (Object.keys(patch).length) await this.repo().update({ id }, patch);
    return this.get(id);
  }
}
