import { Module } from '@nestjs/common';
import { CollabPersistenceService } from './collab/collab-persistence.service';
import { DocumentExistsAuthenticator } from './collab/collab.auth';
import { CollabGateway } from './collab/collab.gateway';
import { CollabService } from './collab/collab.service';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentsController } from './documents.controller';
import { DocumentEvents } from './documents.events';
import { DocumentsService } from './documents.service';

/**
 * Documents and their live collaboration (`collab/`). The collab socket asks the
 * COLLAB_AUTHENTICATOR provider (from any global module) who is connecting; without one it falls
 * back to DocumentExistsAuthenticator, which verifies nothing but the document's existence.
 */
@Module({
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    DocumentVersionsService,
    DocumentEvents,
    DocumentExistsAuthenticator,
    CollabPersistenceService,
    CollabService,
    CollabGateway,
  ],
  exports: [DocumentsService, DocumentEvents, CollabService],
})
export class DocumentsModule {}
