import { Injectable } from '@nestjs/common';
import type {
  DocumentDiffDto,
  DocumentDiffSide,
  DocumentExportFormat,
  DocumentVersionDto,
  Page,
} from '@coalesce/shared';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { notFound } from '../../common/errors/domain-error';
import { ActivityService } from '../activity/activity.service';
import { CollabPersistenceService } from './collab/collab-persistence.service';
import { plainBytes } from './collab/collab-protocol.util';
import { CollabService } from './collab/collab.service';
import { docToProseMirror, replaceContentUpdate } from './document-content.util';
import { diffBlocks, diffStats } from './document-diff.util';
import { renderHtml, renderHtmlPage, renderMarkdown } from './document-render.util';
import { DocumentVersionEntity } from './document-version.entity';
import { DocumentsService } from './documents.service';
import { creationKeys, keysetPage, mapPage } from '../../common/pagination/cursor';
import { clock } from '../../common/clock/clock';

export const toVersionDto = (v: DocumentVersionEntity): DocumentVersionDto => ({
  id: v.id,
  documentId: v.documentId,
  label: v.label,
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdBy,
  json: v.json,
  html: v.html,
});

/**
 * Named versions (exact Yjs state + rendering), restore as a live change, and export. All read
 * the document's committed state through the collab service, so they see what clients see.
 * Each change commits together with its activity event. The live state is read BEFORE the
 * transaction opens: loading a document uses other connections, and the embedded database
 * runs one transaction at a time, so reading it inside would wait for ourselves.
 */
@Injectable()
export class DocumentVersionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly collab: CollabService,
    private readonly persistence: CollabPersistenceService,
    private readonly activity: ActivityService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(DocumentVersionEntity);
  }

  async create(
    workspaceId: string,
    documentId: string,
    label: string,
    actorId: string | null,
  ): Promise<DocumentVersionDto> {
    const doc = await this.documents.getInWorkspace(workspaceId, documentId);
    const { state, json } = await this.collab.withDocument(documentId, ({ doc }) => ({
      state: Y.encodeStateAsUpdate(doc),
      json: docToProseMirror(doc),
    }));
    const html = renderHtml(json);
    const saved = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(DocumentVersionEntity);
      const version = await repo.save(
        repo.create({
          documentId,
          label,
          state: Buffer.from(state),
          json,
          html,
          createdBy: actorId,
          createdAt: clock.stamp(),
        }),
      );
      await this.activity.record(manager, {
        workspaceId,
        type: 'document.version_created',
        actorId,
        subjectType: 'document',
        subjectId: documentId,
        payload: {
          documentId,
          versionId: version.id,
          label,
          title: doc.title,
          titleIsDefault: doc.titleIsDefault,
          kind: doc.kind,
        },
      });
      return version;
    });
    return toVersionDto(saved);
  }

  /** Newest first. */
  async list(
    workspaceId: string,
    documentId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<DocumentVersionDto>> {
    await this.documents.getInWorkspace(workspaceId, documentId);
    const qb = this.repo
      .createQueryBuilder('v')
      .where('v.documentId = :documentId', { documentId });
    const found = await keysetPage(qb, {
      keys: creationKeys('v'),
      direction: 'DESC',
      limit: page.limit,
      cursor: page.cursor,
      seek: 'row',
    });
    return mapPage(found, toVersionDto);
  }

  private async find(
    workspaceId: string,
    documentId: string,
    versionId: string,
  ): Promise<DocumentVersionEntity> {
    await this.documents.getInWorkspace(workspaceId, documentId);
    const version = await this.repo.findOneBy({ id: versionId, documentId });
    if (!version) throw notFound('Version');
    return version;
  }

  async get(workspaceId: string, documentId: string, versionId: string) {
    return toVersionDto(await this.find(workspaceId, documentId, versionId));
  }

  /** 404 unless the version exists and belongs to this document of this workspace. */
  async assertVersion(workspaceId: string, documentId: string, versionId: string) {
    await this.find(workspaceId, documentId, versionId);
  }

  /**
   * What changed from a saved version to another one or to the live document (`'current'`),
   * compared on the ProseMirror content each side renders.
   */
  async diff(
    workspaceId: string,
    documentId: string,
    fromId: string,
    to: string,
  ): Promise<DocumentDiffDto> {
    const from = await this.find(workspaceId, documentId, fromId);
    let after;
    let toSide: DocumentDiffSide;
    if (to === 'current') {
      after = await this.collab.withDocument(documentId, (live) => docToProseMirror(live.doc));
      toSide = { id: null, label: null, createdAt: null };
    } else {
      const target = await this.find(workspaceId, documentId, to);
      after = target.json;
      toSide = { id: target.id, label: target.label, createdAt: target.createdAt.toISOString() };
    }
    const blocks = diffBlocks(from.json, after);
    return {
      documentId,
      from: { id: from.id, label: from.label, createdAt: from.createdAt.toISOString() },
      to: toSide,
      stats: diffStats(blocks),
      blocks,
    };
  }

  /**
   * Makes the live document's content equal to the version's, as one new change: stored like
   * any update, then sent to every connected client.
   */
  async restore(
    workspaceId: string,
    documentId: string,
    versionId: string,
    actorId: string | null,
  ): Promise<DocumentVersionDto> {
    const version = await this.find(workspaceId, documentId, versionId);
    const doc = await this.documents.getInWorkspace(workspaceId, documentId);
    // The change (one update-log row, when the content differs) and its event in one
    // transaction; clients receive the change only after it committed, like any update.
    const commit = (update: Uint8Array | null) =>
      this.dataSource.transaction(async (manager) => {
        if (update) await this.persistence.appendWithin(manager, documentId, update);
        await this.activity.record(manager, {
          workspaceId,
          type: 'document.restored',
          actorId,
          subjectType: 'document',
          subjectId: documentId,
          payload: {
            documentId,
            versionId,
            label: version.label,
            changed: update !== null,
            title: doc.title,
            titleIsDefault: doc.titleIsDefault,
            kind: doc.kind,
          },
        });
      });
    const target = new Y.Doc();
    try {
      Y.applyUpdate(target, plainBytes(version.state));
      await this.collab.withDocument(documentId, async (live) => {
        const update = replaceContentUpdate(live.doc, target);
        if (update) await live.ingest(update, null, commit);
        else await commit(null);
      });
    } finally {
      target.destroy();
    }
    return toVersionDto(version);
  }

  async export(
    workspaceId: string,
    documentId: string,
    format: DocumentExportFormat,
  ): Promise<{ contentType: string; body: string; filename: string }> {
    const doc = await this.documents.getInWorkspace(workspaceId, documentId);
    const json = await this.collab.withDocument(documentId, (live) => docToProseMirror(live.doc));
    const base = doc.title.replace(/[^\w .-]+/g, '').trim() || 'document';
    return format === 'markdown'
      ? {
          contentType: 'text/markdown; charset=utf-8',
          body: renderMarkdown(json),
          filename: `${base}.md`,
        }
      : {
          contentType: 'text/html; charset=utf-8',
          body: renderHtmlPage(doc.title, json),
          filename: `${base}.html`,
        };
  }
}
