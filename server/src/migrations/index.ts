import { ClusterEvents1796578982287 } from './1796578982287-ClusterEvents';
import { DocumentEdits1796576610031 } from './1796576610031-DocumentEdits';
import { InvitationEmails1796577879399 } from './1796577879399-InvitationEmails';
import { Threads1796565479550 } from './1796565479550-Threads';
import { Delegation1796565767021 } from './1796565767021-Delegation';
import { NetworkVersionIndex1796567655999 } from './1796567655999-NetworkVersionIndex';
import { ResearchConsents1796568543409 } from './1796568543409-ResearchConsents';
import { SweepPauses1796558996867 } from './1796558996867-SweepPauses';
import { NotificationCatchUp1796558922068 } from './1796558922068-NotificationCatchUp';
import { CollabDocSeq1796553307347 } from './1796553307347-CollabDocSeq';
import { RepresentationAndExpiry1796553807103 } from './1796553807103-RepresentationAndExpiry';
import { ReasonCodesDefaultTitles1796553322747 } from './1796553322747-ReasonCodesDefaultTitles';
import { RateLimits1796555020941 } from './1796555020941-RateLimits';
import { Notifications1795815497370 } from './1795815497370-Notifications';
import { Decisions1795815605332 } from './1795815605332-Decisions';
import { ExperimentsConnections1795815997361 } from './1795815997361-ExperimentsConnections';
import { Partners1795815205183 } from './1795815205183-Partners';
import { Accounts1795814080859 } from './1795814080859-Accounts';
import { CollabPersistence1795813784079 } from './1795813784079-CollabPersistence';
import { Documents1795813440370 } from './1795813440370-Documents';
import { SurveyWaves1796565741902 } from './1796565741902-SurveyWaves';
/** Every migration, oldest first. The generator appends here; landed entries never change. */
export const MIGRATIONS: (new () => import('typeorm').MigrationInterface)[] = [
  Documents1795813440370,
  CollabPersistence1795813784079,
  Accounts1795814080859,
  Partners1795815205183,
  Notifications1795815497370,
  Decisions1795815605332,
  ExperimentsConnections1795815997361,
  CollabDocSeq1796553307347,
  ReasonCodesDefaultTitles1796553322747,
  RepresentationAndExpiry1796553807103,
  RateLimits1796555020941,
  NotificationCatchUp1796558922068,
  SweepPauses1796558996867,
  Threads1796565479550,
  SurveyWaves1796565741902,
  Delegation1796565767021,
  NetworkVersionIndex1796567655999,
  ResearchConsents1796568543409,
  DocumentEdits1796576610031,
  InvitationEmails1796577879399,
  ClusterEvents1796578982287,
];
