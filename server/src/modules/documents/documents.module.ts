import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
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
import { canonicalDocumentsPath } from './documents.util';
import { DocumentEditsRepository } from './document-edits.repository';

/**
 * Redirects (308, method and body kept) a documents request spelled another way (upper-case
 * id, trailing slash) to the canonical path, so every spelling reaches the same document and,
 * behind a proxy that routes by path, the same replica.
 */
function canonicalDocumentsRedirect(req: Request, res: Response, next: NextFunction): void {
  const [path = '', query] = req.originalUrl.split(/\?(.*)/s, 2);
  const canonical = canonicalDocumentsPath(path);
  if (!canonical) return next();
  res.redirect(308, query === undefined ? canonical : `${canonical}?${query}`);
}

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
    DocumentEditsRepository,
  ],
  exports: [DocumentsService, CollabService, DocumentVersionsService],
})
export class DocumentsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(canonicalDocumentsRedirect).forRoutes(DocumentsController);
  }
}
