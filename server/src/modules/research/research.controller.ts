import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  RESEARCH_CODEBOOK,
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
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canExport } from './research.policy';
import { ResearchService } from './research.service';

const EXPORT_DENIED = 'Only coordinators and observers can export';

function attachment(res: Response, type: string, name: string, body: string): void {
  const day = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Content-Disposition', `attachment; filename="coalesce-${name}-${day}"`);
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

  @Get('workspaces/:wid/research/tables/nodes.csv')
  @ApiOperation({ summary: 'Research table: partners with join and leave dates (CSV)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canExport, EXPORT_DENIED)
  @ApiZodQuery(researchExportQuerySchema)
  @ApiProduces('text/csv')
  async nodes(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(researchExportQuerySchema)) q: ResearchExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.research.tables(me, q);
    attachment(res, 'text/csv', 'nodes.csv', this.research.nodesCsv(rows.nodes));
  }

  @Get('workspaces/:wid/research/tables/edges.csv')
  @ApiOperation({
    summary: 'Research table: ties (connection | shared_experiment) with start and end (CSV)',
  })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canExport, EXPORT_DENIED)
  @ApiZodQuery(researchExportQuerySchema)
  @ApiProduces('text/csv')
  async edges(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(researchExportQuerySchema)) q: ResearchExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.research.tables(me, q);
    attachment(res, 'text/csv', 'edges.csv', this.research.edgesCsv(rows.edges));
  }

  @Get('workspaces/:wid/research/network.gexf')
  @ApiOperation({ summary: 'The network over time as dynamic GEXF 1.3 (for Gephi)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canExport, EXPORT_DENIED)
  @ApiZodQuery(researchExportQuerySchema)
  @ApiProduces('application/gexf+xml')
  async gexf(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(researchExportQuerySchema)) q: ResearchExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.research.tables(me, q);
    attachment(res, 'application/gexf+xml', 'network.gexf', this.research.gexf(rows, q));
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
