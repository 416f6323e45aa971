import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  createExperimentSchema,
  createLearningSchema,
  experimentListQuerySchema,
  updateExperimentSchema,
  type CreateExperiment,
  type CreateLearning,
  type ExperimentDto,
  type ExperimentListQuery,
  type Page,
  type UpdateExperiment,
  ErrorCode,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canWriteExperiments, WRITE_DENIED } from './experiments.policy';
import { ExperimentsService } from './experiments.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

@ApiTags('experiments')
@Controller('workspaces/:wid/experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an experiment' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @LimitCreates('experiments')
  @WorkspaceAccess(canWriteExperiments, WRITE_DENIED)
  @ApiZodBody(createExperimentSchema)
  @ApiCreatedResponse({ description: 'The experiment (status `idea` unless given)' })
  create(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createExperimentSchema)) body: CreateExperiment,
  ): Promise<ExperimentDto> {
    return this.experiments.create(me, body);
  }

  @Get()
  @ApiOperation({ summary: 'List experiments' })
  @ApiZodQuery(experimentListQuerySchema)
  @ApiOkResponse({ description: '{items: Experiment[], nextCursor}, newest first' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(experimentListQuerySchema)) q: ExperimentListQuery,
  ): Promise<Page<ExperimentDto>> {
    return this.experiments.list(wid, q);
  }

  @Get(':eid')
  @ApiOperation({ summary: 'Get an experiment with its learnings' })
  @ApiOkResponse({ description: 'The experiment with its learnings (newest first)' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('eid', new IdPipe('Experiment')) eid: string,
  ): Promise<ExperimentDto> {
    return this.experiments.get(wid, eid);
  }

  @Patch(':eid')
  @ApiOperation({ summary: 'Update an experiment' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiZodBody(updateExperimentSchema)
  @ApiOkResponse({ description: 'The experiment; any status may follow any other' })
  @ResourceAccess(ExperimentsService, (s, r) =>
    s.authorizeWrite(r.member, r.id('eid', 'Experiment')),
  )
  update(
    @CurrentMember() me: Membership,
    @Param('eid', new IdPipe('Experiment')) eid: string,
    @Body(new ZodPipe(updateExperimentSchema)) body: UpdateExperiment,
  ): Promise<ExperimentDto> {
    return this.experiments.update(me, eid, body);
  }

  @Delete(':eid')
  @ApiOperation({ summary: 'Delete an experiment' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Deleted with its learnings (coordinators, or the lead partner’s representatives)',
  })
  remove(
    @CurrentMember() me: Membership,
    @Param('eid', new IdPipe('Experiment')) eid: string,
  ): Promise<void> {
    return this.experiments.remove(me, eid);
  }

  @Post(':eid/learnings')
  @ApiOperation({ summary: 'Add a learning to an experiment' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiZodBody(createLearningSchema)
  @ApiCreatedResponse({ description: 'The experiment, the new learning first' })
  @ResourceAccess(ExperimentsService, (s, r) =>
    s.authorizeWrite(r.member, r.id('eid', 'Experiment')),
  )
  addLearning(
    @CurrentMember() me: Membership,
    @Param('eid', new IdPipe('Experiment')) eid: string,
    @Body(new ZodPipe(createLearningSchema)) body: CreateLearning,
  ): Promise<ExperimentDto> {
    return this.experiments.addLearning(me, eid, body);
  }
}
