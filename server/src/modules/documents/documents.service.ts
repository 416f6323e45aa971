import { Injectable } from '@nestjs/common';
import { ErrorCode, type DocumentDto, type DocumentKind, type Page } from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { DocumentEntity } from './documents.entity';
import { DocumentEvents } from './documents.events';
import { decodeCursor, encodeCursor, invalidCursor, isUniqueViolation } from './documents.util';

export interface CreateDocumentInput {
  workspaceId: string;
  title: string;
  kind: DocumentKind;
  createdBy: string | null;
}

export const toDocumentDto = (d: DocumentEntity): DocumentDto => ({
  id: d.id,
  workspaceId: d.workspaceId,
  title: d.title,
  kind: d.kind,
  createdBy: d.createdBy,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DocumentEvents,
  ) {}

  /**
   * Creates a document row inside the caller's transaction (a workspace and its vision document
   * are created together). A second vision document in one workspace is a 409.
   */
  async create(input: CreateDocumentInput, manager: EntityManager = this.dataSource.manager) {
    const repo = manager.getRepository(DocumentEntity);
    const conflict = () =>
      new DomainError(ErrorCode.CONFLICT, 'This workspace already has a vision document');
    if (input.kind === 'vision') {
      const existing = await repo.exists({
        where: { workspaceId: input.workspaceId, kind: 'vision' },
      });
      if (existing) throw conflict();
    }
    let saved: DocumentEntity;
    try {
      saved = await repo.save(repo.create(input));
    } catch (err) {
      // Two concurrent creates: the partial unique index decides.
      if (isUniqueViolation(err)) throw conflict();
      throw err;
    }
    this.events.emit('document.created', {
      workspaceId: saved.workspaceId,
      documentId: saved.id,
      actorId: saved.createdBy,
      kind: saved.kind,
      title: saved.title,
    });
    return saved;
  }

  findById(id: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ id });
  }

  findVision(workspaceId: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ workspaceId, kind: 'vision' });
  }

  /** The document, if it belongs to that workspace; 404 otherwise (never reveal other ids). */
  async getInWorkspace(workspaceId: string, documentId: string): Promise<DocumentEntity> {
    const doc = await this.dataSource
      .getRepository(DocumentEntity)
      .findOneBy({ id: documentId, workspaceId });
    if (!doc) throw notFound('Document');
    return doc;
  }

  /** Oldest first (the vision document leads). */
  async list(
    workspaceId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<DocumentDto>> {
    const after = decodeCursor(page.cursor);
    const qb = this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .where('d.workspaceId = :workspaceId', { workspaceId })
      .orderBy('d.createdAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(page.limit + 1);
    if (after) {
      const exists = await this.dataSource
        .getRepository(DocumentEntity)
        .existsBy({ id: after, workspaceId });
      if (!exists) throw invalidCursor();
      qb.andWhere(
        '(d.createdAt, d.id) > (SELECT c."createdAt", c."id" FROM "documents" c WHERE c."id" = :after)',
        { after },
      );
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, page.limit).map(toDocumentDto);
    return {
      items,
      nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1]!.id) : null,
    };
  }
}
