import { Injectable } from '@nestjs/common';
import { ErrorCode, type DocumentDto, type DocumentKind, type Page } from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { DocumentEntity } from './documents.entity';
import { decodeCursor, encodeCursor, invalidCursor, isUniqueViolation } from './documents.util';
import { clock } from '../../common/clock/clock';

export interface CreateDocumentInput {
  workspaceId: string;
  title: string;
  titleIsDefault?: boolean;
  kind: DocumentKind;
  createdBy: string | null;
}

export const toDocumentDto = (d: DocumentEntity): DocumentDto => ({
  id: d.id,
  workspaceId: d.workspaceId,
  title: d.title,
  titleIsDefault: d.titleIsDefault,
  kind: d.kind,
  createdBy: d.createdBy,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {}

  /** Creates a document and its `document.created` event in one transaction. */
  create(input: CreateDocumentInput): Promise<DocumentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const doc = await this.insert(manager, input);
      await this.activity.record(manager, {
        workspaceId: doc.workspaceId,
        type: 'document.created',
        actorId: doc.createdBy,
        subjectType: 'document',
        subjectId: doc.id,
        payload: {
          documentId: doc.id,
          title: doc.title,
          titleIsDefault: doc.titleIsDefault,
          kind: doc.kind,
        },
      });
      return doc;
    });
  }

  /**
   * The vision document, inside the workspace's creation transaction. It records no event of its
   * own: the log shows creating the workspace as one change, and `workspace.created` carries
   * `visionDocumentId`.
   */
  createVision(
    manager: EntityManager,
    workspaceId: string,
    createdBy: string,
  ): Promise<DocumentEntity> {
    return this.insert(manager, {
      workspaceId,
      title: 'Vision',
      titleIsDefault: true,
      kind: 'vision',
      createdBy,
    });
  }

  /** A second vision document in one workspace is a 409. */
  private async insert(manager: EntityManager, input: CreateDocumentInput) {
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
      saved = await repo.save(repo.create({ ...input, createdAt: clock.stamp() }));
    } catch (err) {
      // Two concurrent creates: the partial unique index decides.
      if (isUniqueViolation(err)) throw conflict();
      throw err;
    }
    return saved;
  }

  findById(id: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ id });
  }

  findVision(workspaceId: string): Promise<DocumentEntity | null> {
    return this.dataSource.getRepository(DocumentEntity).findOneBy({ workspaceId, kind: 'vision' });
  }

  /**
   * What a discussion needs of a document (the threads module): its title and kind, or null
   * when it is not in that workspace. Reads in the caller's transaction.
   */
  async threadSubject(
    manager: EntityManager,
    workspaceId: string,
    documentId: string,
  ): Promise<{ title: string; kind: string; titleIsDefault: boolean } | null> {
    const d = await manager.getRepository(DocumentEntity).findOne({
      select: { id: true, title: true, kind: true, titleIsDefault: true },
      where: { id: documentId, workspaceId },
    });
    return d ? { title: d.title, kind: d.kind, titleIsDefault: d.titleIsDefault } : null;
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
