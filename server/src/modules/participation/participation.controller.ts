import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  canViewBrokerFollowThrough,
  ErrorCode,
  type BrokerFollowThroughDto,
} from '@coalesce/shared';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors } from '../../common/validation/openapi';
import { IdPipe } from '../../common/validation/zod.pipe';
import { ParticipationService } from './participation.service';

export const BROKERS_DENIED = 'Only coordinators and brokers see broker follow-through';

@ApiTags('participation')
@Controller('workspaces/:wid/participation')
export class ParticipationController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('brokers')
  @ApiOperation({
    summary:
      'Broker follow-through: the share of accepted introductions followed by collaboration (coordinators and brokers)',
  })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canViewBrokerFollowThrough, BROKERS_DENIED)
  @ApiOkResponse({
    description:
      'Per broker (in order of first introduction, never ranked) and overall: introductions, followed by a shared experiment or a rating of cooperation or more within 90 days and ever; each introduction with its first sign of collaboration',
  })
  brokers(@Param('wid', new IdPipe('Workspace')) wid: string): Promise<BrokerFollowThroughDto> {
    return this.participation.brokers(wid);
  }
}
