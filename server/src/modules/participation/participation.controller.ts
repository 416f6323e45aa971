import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  canViewAllParticipation,
  canViewBrokerFollowThrough,
  ErrorCode,
  type BrokerFollowThroughDto,
  type PartnerParticipationDto,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors } from '../../common/validation/openapi';
import { IdPipe } from '../../common/validation/zod.pipe';
import { ParticipationService } from './participation.service';

export const ALL_DENIED = "Only coordinators see every partner's participation";
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

  @Get('partners')
  @ApiOperation({
    summary: "Every partner's participation per quarter, alphabetically (coordinators)",
  })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canViewAllParticipation, ALL_DENIED)
  @ApiOkResponse({
    description:
      'Per partner (alphabetically, never ranked): votes cast of the votes it could cast, experiments, learnings and comments of its representatives, survey waves answered of those asked; totals and per quarter',
  })
  allPartners(
    @Param('wid', new IdPipe('Workspace')) wid: string,
  ): Promise<PartnerParticipationDto[]> {
    return this.participation.allPartners(wid);
  }

  @Get('partners/:pid')
  @ApiOperation({
    summary: "One partner's participation per quarter (coordinators and its own representatives)",
  })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiOkResponse({ description: "The partner's participation (404 when not in this workspace)" })
  onePartner(
    @CurrentMember() me: Membership,
    @Param('pid', new IdPipe('Partner')) pid: string,
  ): Promise<PartnerParticipationDto> {
    return this.participation.onePartner(me, pid);
  }
}
