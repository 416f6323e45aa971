import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { exportQuerySchema, type ExportQuery, ErrorCode } from '@coalesce/shared';
import type { Response } from 'express';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canExport } from './export.policy';
import { ExportService } from './export.service';

@ApiTags('export')
@Controller('workspaces/:wid/export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get()
  @ApiOperation({ summary: 'Export the workspace (JSON, or the event log as CSV)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canExport, 'Only coordinators and observers can export')
  @ApiZodQuery(exportQuerySchema)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Streamed attachment. JSON: {format, exportedAt, untilSeq, workspace, stageHistory, members, partners, principles, proposals, experiments, connections, documents, events}; CSV: the event log (seq,id,createdAt,type,actorId,subjectType,subjectId,payload).',
  })
  async export(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Query(new ZodPipe(exportQuerySchema)) q: ExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.export(me, q.format, res);
  }
}
