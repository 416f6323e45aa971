import { Notifications1795815497370 } from './1795815497370-Notifications';
import { Accounts1795814080859 } from './1795814080859-Accounts';
import { CollabPersistence1795813784079 } from './1795813784079-CollabPersistence';
import { Documents1795813440370 } from './1795813440370-Documents';
/** Every migration, oldest first. The generator appends here; landed entries never change. */
export const MIGRATIONS: (new () => import('typeorm').MigrationInterface)[] = [
  Documents1795813440370,
  CollabPersistence1795813784079,
  Accounts1795814080859,
  Notifications1795815497370,
];
