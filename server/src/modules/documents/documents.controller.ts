import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  createDocumentSchema,
  createDocumentVersionSchema,
  documentDiffQuerySchema,
  documentExportQuerySchema,
  paginationQuerySchema,
  type CreateDocumentInput,
  type CreateDocumentVersionInput,
  type DocumentExportFormat,
  type DocumentDiffDto,
  type DocumentDto,
  type DocumentVersionDto,
  type Page,
  type PaginationQuery,
  ErrorCode,
} from '@coalesce/shared';
import type { Response } from 'express';
import type { AuthContext } from '../../common/auth/auth.types';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, parseOrThrow, ZodPipe } from '../../common/validation/zod.pipe';
import { DocumentVersionsService } from './document-versions.service';
import { canReadDocuments, canWriteDocuments } from './documents.policy';
import { DocumentsService, toDocumentDto } from './documents.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

const READ_ONLY = 'Observers can read documents but not change them';

const DIFF_EXAMPLE: DocumentDiffDto = {
  documentId: '0b6f1c3e-6f7d-4a51-9d59-2f0c8f1e2a10',
  from: {
    id: '5d2f0a9b-1c3e-4f5a-8b6c-7d8e9f0a1b2c',
    label: 'Before the workshop',
    createdAt: '2026-03-02T10:00:00.000Z',
  },
  to: { id: null, label: null, createdAt: null },
  stats: { unchanged: 1, inserted: 1, deleted: 0, changed: 1 },
  blocks: [
    {
      type: 'unchanged',
      blockType: 'heading',
      level: 1,
      context: [],
      segments: [{ op: 'equal', text: 'Our vision' }],
    },
    {
      type: 'changed',
      blockType: 'paragraph',
      context: [],
      segments: [
        { op: 'equal', text: 'We share ' },
        { op: 'delete', text: 'one' },
        { op: 'insert', text: 'the' },
        { op: 'equal', text: ' river.' },
      ],
    },
    {
      type: 'inserted',
      blockType: 'paragraph',
      context: ['bulletList', 'listItem'],
      segments: [{ op: 'insert', text: 'Clean water by 2030' }],
    },
  ],
};

/**
 * Under `/workspaces/:wid`, so the global guards answer first: 401 without credentials, 404 for
 * a malformed or foreign workspace, 403 when the documents policy refuses the role. A document
 * or version of another workspace is 404 (the services look it up within `:wid`).
 */
@ApiTags('documents')
@WorkspaceAccess(canReadDocuments)
@Controller('workspaces/:wid/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly versions: DocumentVersionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List documents' })
  @ApiZodQuery(paginationQuerySchema)
  @ApiOkResponse({ description: '{items: Document[], nextCursor}' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(paginationQuerySchema)) page: PaginationQuery,
  ): Promise<Page<DocumentDto>> {
    return this.documents.list(wid, page);
  }

  @Post()
  @ApiOperation({ summary: 'Create a document' })
  @ApiErrors(ErrorCode.CONFLICT)
  @LimitCreates('documents')
  @WorkspaceAccess(canWriteDocuments, READ_ONLY)
  @ApiZodBody(createDocumentSchema)
  @ApiCreatedResponse({ description: 'The document; a second vision document is 409' })
  async create(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Body(new ZodPipe(createDocumentSchema)) body: CreateDocumentInput,
    @CurrentUser() me: AuthContext,
  ): Promise<DocumentDto> {
    const doc = await this.documents.create({ ...body, workspaceId: wid, createdBy: me.userId });
    return toDocumentDto(doc);
  }

  @Get(':did')
  @ApiOperation({ summary: 'Get a document' })
  async get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
  ): Promise<DocumentDto> {
    return toDocumentDto(await this.documents.getInWorkspace(wid, did));
  }

  @Get(':did/export')
  @ApiOperation({ summary: 'The live content as Markdown or HTML' })
  @ApiZodQuery(documentExportQuerySchema)
  @ApiProduces('text/markdown', 'text/html')
  @ResourceAccess(DocumentsService, (s, r) =>
    s.getInWorkspace(r.member.workspaceId, r.id('did', 'Document')),
  )
  async export(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Query(new ZodPipe(documentExportQuerySchema)) { format }: { format: DocumentExportFormat },
    @Res() res: Response,
  ): Promise<void> {
    const out = await this.versions.export(wid, did, format);
    res.setHeader('Content-Type', out.contentType);
    res.setHeader('Content-Disposition', `inline; filename="${out.filename}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (format === 'html') {
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    }
    res.status(200).send(out.body);
  }

  @Post(':did/versions')
  @ApiOperation({ summary: 'Save the live document as a named version' })
  @WorkspaceAccess(canWriteDocuments, READ_ONLY)
  @ApiZodBody(createDocumentVersionSchema)
  @ApiCreatedResponse({ description: '{id, label, createdAt, createdBy, json, html}' })
  @ResourceAccess(DocumentsService, (s, r) =>
    s.getInWorkspace(r.member.workspaceId, r.id('did', 'Document')),
  )
  async createVersion(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Body(new ZodPipe(createDocumentVersionSchema)) { label }: CreateDocumentVersionInput,
    @CurrentUser() me: AuthContext,
  ): Promise<DocumentVersionDto> {
    return this.versions.create(wid, did, label, me.userId);
  }

  @Get(':did/versions')
  @ApiOperation({ summary: 'List the saved versions of a document' })
  @ApiZodQuery(paginationQuerySchema)
  listVersions(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Query(new ZodPipe(paginationQuerySchema)) page: PaginationQuery,
  ): Promise<Page<DocumentVersionDto>> {
    return this.versions.list(wid, did, page);
  }

  @Get(':did/versions/:vid')
  @ApiOperation({ summary: 'Get a saved version' })
  getVersion(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Param('vid', new IdPipe('Version')) vid: string,
  ): Promise<DocumentVersionDto> {
    return this.versions.get(wid, did, vid);
  }

  @Get(':did/versions/:vid/diff')
  @ApiOperation({
    summary: 'Compare a saved version with another version or with the live document',
    description:
      'Blocks in reading order, each unchanged, inserted, deleted or changed, with word-level ' +
      'segments (equal / insert / delete). `to` is a version id of the same document or ' +
      '`current` (the default). A malformed `to` is 400; an unknown version, or one of another ' +
      'document, 404.',
  })
  @ApiZodQuery(documentDiffQuerySchema)
  @ApiOkResponse({
    description: 'The structured difference',
    schema: { example: DIFF_EXAMPLE },
  })
  async diff(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Param('vid', new IdPipe('Version')) vid: string,
    @Query() query: unknown,
  ): Promise<DocumentDiffDto> {
    // 404 before 400: the document and the first version are looked up first.
    await this.versions.assertVersion(wid, did, vid);
    const { to } = parseOrThrow(documentDiffQuerySchema, query ?? {});
    return this.versions.diff(wid, did, vid, to);
  }

  @Post(':did/versions/:vid/restore')
  @ApiOperation({ summary: 'Restore a saved version into the live document' })
  @WorkspaceAccess(canWriteDocuments, READ_ONLY)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The restored version; the live document now has its content' })
  restore(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Param('vid', new IdPipe('Version')) vid: string,
    @CurrentUser() me: AuthContext,
  ): Promise<DocumentVersionDto> {
    return this.versions.restore(wid, did, vid, me.userId);
  }
}
