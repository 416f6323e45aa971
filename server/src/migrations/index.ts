/** Every migration, oldest first. The generator appends here; landed entries never change. */
export const MIGRATIONS: (new () => import('typeorm').MigrationInterface)[] = [];
