import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { AuthModule } from '../auth/auth.module';
import { MembersModule } from '../members/members.module';
import { UsersModule } from '../users/users.module';
import { CollabAccessAuthenticator } from './collab/collab-access.authenticator';
import { CollabAccessListener } from './collab/collab-access.listener';
import { CollabPersistenceService } from './collab/collab-persistence.service';
import { CollabRelayService } from './collab/collab-relay.service';
import { COLLAB_AUTHENTICATOR } from './collab/collab.auth';
import { CollabGateway } from './collab/collab.gateway';
import { CollabService } from './collab/collab.service';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/**
 * Documents and their live collaboration (`collab/`). The collab socket authenticates like the
 * HTTP API (access token or session cookie, membership, the documents policy) and follows
 * membership and session changes through the EventBus. Changes are recorded in the activity
 * log in the same transaction.
 */
@Module({
  imports: [AuthModule, MembersModule, UsersModule, ActivityModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    DocumentVersionsService,
    CollabPersistenceService,
    CollabRelayService,
    CollabService,
    CollabGateway,
    CollabAccessAuthenticator,
    { provide: COLLAB_AUTHENTICATOR, useExisting: CollabAccessAuthenticator },
    CollabAccessListener,
  ],
  exports: [DocumentsService, CollabService],
})
export class DocumentsModule {}
