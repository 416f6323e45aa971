import { Injectable } from '@nestjs/common';
import { ErrorCode, type DocumentDto, type DocumentKind, type Page } from '@coalesce/shared';
import { DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { type DocumentEditRow, DocumentEditsRepository } from './document-edits.repository';
import { DocumentVersionEntity } from './document-version.entity';
import { DocumentEntity } from './documents.entity';
import { isUniqueViolation } from '../../common/database/unique-violation.util';
import { creationKeys, keysetPage, mapPage } from '../../common/pagination/cursor';
import { clock } from '../../common/clock/clock';

export interface CreateDocumentInput {
  workspaceId: string;
  title: string;
  titleIsDefault?: boolean;
  kind: DocumentKind;
  createdBy: string | null;
}

/** A document as the research export lists it: metadata and its named versions' labels. */
export interface ExportedDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  versions: { id: string; label: string; createdBy: string | null; createdAt: string }[];
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
    private readonly edits: DocumentEditsRepository,
  ) {}

  /**
   * Who wrote in which document on which day (UTC), for the workspace: one row per (document,
   * person, day), with the document's kind. Live editing only (the collab socket); a restore is
   * not writing.
   */
  editsInWorkspace(workspaceId: string): Promise<DocumentEditRow[]> {
    return this.edits.inWorkspace(workspaceId);
  }

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

  /** Some document of the workspace, any (the collab warm-up exercises the lookups with it). */
  async anyIdIn(workspaceId: string): Promise<string | null> {
    const [d] = await this.dataSource
      .getRepository(DocumentEntity)
      .find({ select: { id: true }, where: { workspaceId }, take: 1 });
    return d?.id ?? null;
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

  /**
   * The workspace's documents for the research export, in batches of `batchSize` by id, each
   * with its named versions (without their content), oldest version first.
   */
  async *exportBatches(workspaceId: string, batchSize: number): AsyncGenerator<ExportedDocument[]> {
    let after: string | undefined;
    for (;;) {
      const docs = await this.dataSource.getRepository(DocumentEntity).find({
        select: {
          id: true,
          title: true,
          kind: true,
          createdBy: true,
          createdAt: true,
          updatedAt: true,
        },
        where: { workspaceId, ...(after ? { id: MoreThan(after) } : {}) },
        order: { id: 'ASC' },
        take: batchSize,
      });
      if (!docs.length) return;
      const versions = await this.dataSource.getRepository(DocumentVersionEntity).find({
        select: { id: true, documentId: true, label: true, createdBy: true, createdAt: true },
        where: { documentId: In(docs.map((d) => d.id)) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const byDoc = new Map<string, ExportedDocument['versions']>();
      for (const v of versions) {
        const list = byDoc.get(v.documentId) ?? [];
        list.push({
          id: v.id,
          label: v.label,
          createdBy: v.createdBy,
          createdAt: v.createdAt.toISOString(),
        });
        byDoc.set(v.documentId, list);
      }
      yield docs.map((d) => ({
        id: d.id,
        title: d.title,
        kind: d.kind,
        createdBy: d.createdBy,
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
        versions: byDoc.get(d.id) ?? [],
      }));
      if (docs.length < batchSize) return;
      after = docs[docs.length - 1]!.id;
    }
  }

  /** Oldest first (the vision document leads). */
  async list(
    workspaceId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<DocumentDto>> {
    const qb = this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .where('d.workspaceId = :workspaceId', { workspaceId });
    const found = await keysetPage(qb, {
      keys: creationKeys('d'),
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
      seek: 'row',
    });
    return mapPage(found, toDocumentDto);
  }
}
