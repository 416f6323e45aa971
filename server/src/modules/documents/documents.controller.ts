import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
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
  type DocumentDto,
  type DocumentVersionDto,
  type Page,
  type PaginationQuery,
} from '@coalesce/shared';
import type { Request, Response } from 'express';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, parseOrThrow, ZodPipe } from '../../common/validation/zod.pipe';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentsService, toDocumentDto } from './documents.service';

/**
 * The acting user, once the accounts branch's guard has put it on the request; null until then.
 * Membership guards for these routes are wired by the lead (404 for non-members, observers
 * read-only).
 */
const actorId = (req: Request): string | null =>
  (req as Request & { user?: { id?: string } }).user?.id ?? null;

@ApiTags('documents')
@Controller('workspaces/:wid/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly versions: DocumentVersionsService,
  ) {}

  @Get()
  @ApiZodQuery(paginationQuerySchema)
  @ApiOkResponse({ description: '{items: Document[], nextCursor}' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(paginationQuerySchema)) page: PaginationQuery,
  ): Promise<Page<DocumentDto>> {
    return this.documents.list(wid, page);
  }

  @Post()
  @ApiZodBody(createDocumentSchema)
  @ApiCreatedResponse({ description: 'The document; a second vision document is 409' })
  async create(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Body(new ZodPipe(createDocumentSchema)) body: CreateDocumentInput,
    @Req() req: Request,
  ): Promise<DocumentDto> {
    const doc = await this.documents.create({ ...body, workspaceId: wid, createdBy: actorId(req) });
    return toDocumentDto(doc);
  }

  @Get(':did')
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
  async export(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    // 404 before 400: the document is looked up first.
    await this.documents.getInWorkspace(wid, did);
    const { format } = parseOrThrow(documentExportQuerySchema, query ?? {});
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
  @ApiZodBody(createDocumentVersionSchema)
  @ApiCreatedResponse({ description: '{id, label, createdAt, createdBy, json, html}' })
  async createVersion(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<DocumentVersionDto> {
    await this.documents.getInWorkspace(wid, did);
    const { label } = parseOrThrow(createDocumentVersionSchema, body ?? {});
    return this.versions.create(wid, did, label, actorId(req));
  }

  @Get(':did/versions')
  @ApiZodQuery(paginationQuerySchema)
  listVersions(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Query(new ZodPipe(paginationQuerySchema)) page: PaginationQuery,
  ): Promise<Page<DocumentVersionDto>> {
    return this.versions.list(wid, did, page);
  }

  @Get(':did/versions/:vid')
  getVersion(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Param('vid', new IdPipe('Version')) vid: string,
  ): Promise<DocumentVersionDto> {
    return this.versions.get(wid, did, vid);
  }

  @Post(':did/versions/:vid/restore')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The restored version; the live document now has its content' })
  restore(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('did', new IdPipe('Document')) did: string,
    @Param('vid', new IdPipe('Version')) vid: string,
    @Req() req: Request,
  ): Promise<DocumentVersionDto> {
    return this.versions.restore(wid, did, vid, actorId(req));
  }
}
