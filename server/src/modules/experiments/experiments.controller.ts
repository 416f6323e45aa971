import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  createExperimentSchema,
  createLearningSchema,
  experimentListQuerySchema,
  updateExperimentSchema,
  type CreateExperiment,
  type ExperimentDto,
  type ExperimentListQuery,
  type Page,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canWriteExperiments, WRITE_DENIED } from './experiments.policy';
import { ExperimentsService } from './experiments.service';
import { LimitCreates } from '../../common/rate-limit/rate-limit.interceptor';

@ApiTags('experiments')
@Controller('workspaces/:wid/experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post()
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
  @ApiZodQuery(experimentListQuerySchema)
  @ApiOkResponse({ description: '{items: Experiment[], nextCursor}, newest first' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(experimentListQuerySchema)) q: ExperimentListQuery,
  ): Promise<Page<ExperimentDto>> {
    return this.experiments.list(wid, q);
  }

  @Get(':eid')
  @ApiOkResponse({ description: 'The experiment with its learnings (newest first)' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('eid', new IdPipe('Experiment')) eid: string,
  ): Promise<ExperimentDto> {
    return this.experiments.get(wid, eid);
  }

  /** Validated in the service, after the 404 and 403 checks (contract precedence). */
  @Patch(':eid')
  @ApiZodBody(updateExperimentSchema)
  @ApiOkResponse({ description: 'The experiment; any status may follow any other' })
  update(
    @CurrentMember() me: Membership,
    @Param('eid', new IdPipe('Experiment')) eid: string,
    @Body() body: unknown,
  ): Promise<ExperimentDto> {
    return this.experiments.update(me, eid, body);
  }

  @Post(':eid/learnings')
  @ApiZodBody(createLearningSchema)
  @ApiCreatedResponse({ description: 'The experiment, the new learning first' })
  addLearning(
    @CurrentMember() me: Membership,
    @Param('eid', new IdPipe('Experiment')) eid: string,
    @Body() body: unknown,
  ): Promise<ExperimentDto> {
    return this.experiments.addLearning(me, eid, body);
  }
}
