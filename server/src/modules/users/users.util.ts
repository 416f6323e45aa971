import type { UserDto } from '@coalesce/shared';
import type { UserEntity } from './users.entity';

export const emailKey = (email: string) => email.trim().toLowerCase();

export function toUserDto(u: UserEntity): UserDto {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    locale: u.locale,
    createdAt: u.createdAt.toISOString(),
  };
}
