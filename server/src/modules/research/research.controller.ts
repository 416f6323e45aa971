import { applyDecorators, Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  RESEARCH_CODEBOOK,
  RESEARCH_TABLES,
  researchConsentSchema,
  type ResearchConsentInput,
  researchExportQuerySchema,
  type CodebookTable,
  type ResearchConsentDto,
  type ResearchExportQuery,
} from '@coalesce/shared';
import type { Response } from 'express';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { notFound } from '../../common/errors/domain-error';
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canExport } from './research.policy';
import { ResearchService } from './research.service';

const EXPORT_DENIED = 'Only coordinators and observers can export';

/** What every export route shares: who may export, the period/pseudonymise query, its type. */
const ResearchExport = (produces: string, ...errors: ErrorCode[]) =>
  applyDecorators(
    ApiErrors(ErrorCode.FORBIDDEN, ...errors),
    WorkspaceAccess(canExport, EXPORT_DENIED),
    ApiZodQuery(researchExportQuerySchema),
    ApiProduces(produces),
  );

function attachment(res: Response, type: string, name: string, body: string | Buffer): void {
  const day = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('Content-Type', type);
  // coalesce-nodes-2026-03-01.csv: the extension stays last, so the file opens in its program.
  const dot = name.lastIndexOf('.');
  const file = `coalesce-${name.slice(0, dot)}-${day}${name.slice(dot)}`;
  res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

@ApiTags('research')
@Controller()
export class ResearchController {
  constructor(private readonly research: ResearchService) {}

  @Get('research/codebook')
  @ApiOperation({ summary: 'The codebook of the research tables (every field, nl and en)' })
  @ApiOkResponse({
    description: '[{table, file, description, fields: [{name, type, allowedValues?, meaning}]}]',
  })
  codebook(): readonly CodebookTable[] {
    return RESEARCH_CODEBOOK;
  }

  @Get('workspaces/:wid/research/tables/:file')
  @ApiOperation({
    summary: `One research table as CSV: ${RESEARCH_TABLES.map((t) => `${t}.csv`).join(', ')}`,
    description:
      'Columns as in the codebook. The individual tables (responses, stage_ratings, broker_follow_through, introductions) go to coordinators, and to observers only with pseudonymise=true (else 403). Pseudonyms differ per request: download the dataset ZIP for tables that join.',
  })
  @ResearchExport('text/csv', ErrorCode.NOT_FOUND)
  async table(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @Param('file') file: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(researchExportQuerySchema)) q: ResearchExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const table = RESEARCH_TABLES.find((t) => file === `${t}.csv`);
    if (!table) throw notFound('Research table');
    const rows = await this.research.table(me, table, q);
    attachment(res, 'text/csv; charset=utf-8', `${table}.csv`, this.research.csv(table, rows));
  }

  @Get('workspaces/:wid/research/dataset.json')
  @ApiOperation({
    summary: 'The research dataset as JSON: every table under one pseudonym key',
    description:
      '{format, exportedAt, from, to, pseudonymised, withheld, tables: {<table>: rows}}; rows have the codebook’s fields. Individual tables the caller may not have are left out and named in `withheld`.',
  })
  @ResearchExport('application/json')
  async datasetJson(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(researchExportQuerySchema)) q: ResearchExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const d = await this.research.dataset(me, q);
    attachment(res, 'application/json; charset=utf-8', 'research.json', JSON.stringify(d.dto));
  }

  @Get('workspaces/:wid/research/dataset.zip')
  @ApiOperation({
    summary:
      'The research dataset as a ZIP: every table as CSV, codebook.csv, network.gexf and a README (nl, en)',
  })
  @ResearchExport('application/zip')
  async datasetZip(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(researchExportQuerySchema)) q: ResearchExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const d = await this.research.dataset(me, q);
    attachment(res, 'application/zip', 'research.zip', Buffer.from(this.research.zip(d, q)));
  }

  @Get('workspaces/:wid/research/network.gexf')
  @ApiOperation({ summary: 'The network over time as dynamic GEXF 1.3 (for Gephi)' })
  @ResearchExport('application/gexf+xml')
  async gexf(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(researchExportQuerySchema)) q: ResearchExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.research.tables(me, q);
    attachment(
      res,
      'application/gexf+xml; charset=utf-8',
      'network.gexf',
      this.research.gexf(rows, q),
    );
  }

  @Get('workspaces/:wid/research/consents')
  @ApiOperation({ summary: 'Per partner: may it be named in research exports (any member)' })
  @ApiOkResponse({
    description: '[{partnerId, partnerName, kind, mayBeNamed, explicit, updatedAt}]',
  })
  consents(@Param('wid', new IdPipe('Workspace')) wid: string): Promise<ResearchConsentDto[]> {
    return this.research.consents(wid);
  }

  @Put('workspaces/:wid/research/consents/:pid')
  @ApiOperation({
    summary:
      "Set whether a partner may be named in research exports (coordinator or the partner's representatives)",
  })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND)
  @ApiZodBody(researchConsentSchema, { mayBeNamed: true })
  @ApiOkResponse({ description: 'The partner’s setting after the change' })
  // The 404 and 403 checks run as a guard, before the body is parsed (404 → 403 → 400).
  @ResourceAccess(ResearchService, (s, r) => s.authorizeConsent(r.member, r.id('pid', 'Partner')))
  setConsent(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @Param('pid', new IdPipe('Partner')) pid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(researchConsentSchema)) body: ResearchConsentInput,
  ): Promise<ResearchConsentDto> {
    return this.research.setConsent(me, pid, body);
  }
}
