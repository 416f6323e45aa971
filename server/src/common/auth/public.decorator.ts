import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'coalesce:public';
/** Marks a route that needs no credentials (register, login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
