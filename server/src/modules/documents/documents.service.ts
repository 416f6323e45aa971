import { Injectable } from '@nestjs/common';
import { ErrorCode, type DocumentKind } from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { DocumentEntity } from './documents.entity';

export interface CreateDocumentInput {
  workspaceId: string;
  title: string;
  kind: DocumentKind;
  createdBy: string | null;
}

@Injectable()
export class DocumentsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates a document row inside the caller's transaction (a workspace and its vision document
   * are created together). A second vision document in one workspace is a 409.
   */
  async create(input: CreateDocumentInput, manager: EntityManager = this.dataSource.manager) {
    const repo = manager.getRepository(DocumentEntity);
    if (input.kind === 'vision') {
      const existing = await repo.exists({
        where: { workspaceId: input.workspaceId, kind: 'vision' },
      });
      if (existing) {
        throw new DomainError(ErrorCode.CONFLICT, 'This workspace already has a vision document');
      }
    }
    return repo.save(repo.create(input));
  }

  findById(id: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ id });
  }

  findVision(workspaceId: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ workspaceId, kind: 'vision' });
  }
}
