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
  documentExportQuerySchema,
  paginationQuerySchema,
  type CreateDocumentInput,
  type CreateDocumentVersionInput,
  type DocumentExportFormat,
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
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { DocumentVersionsService } from './document-versions.service';
import { canReadDocuments, canWriteDocuments } from './documents.policy';
import { DocumentsService, toDocumentDto } from './documents.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

const READ_ONLY = 'Observers can read documents but not change them';

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
