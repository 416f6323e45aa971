import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  TIERS,
  policyPutSchema,
  type DecisionPoliciesDto,
  type PolicyPut,
  type Tier,
  ErrorCode,
} from '@coalesce/shared';
import type { PipeTransform } from '@nestjs/common';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { notFound } from '../../common/errors/domain-error';
import { ApiErrors, ApiZodBody } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canSetPolicies } from './policies.policy';
import { PoliciesService } from './policies.service';

/** An unknown tier in the path is a resource that does not exist: 404, like a malformed id. */
class TierPipe implements PipeTransform<string, Tier> {
  transform(value: string): Tier {
    if (!(TIERS as readonly string[]).includes(value)) throw notFound('Decision policy tier');
    return value as Tier;
  }
}

@ApiTags('decision-policies')
@Controller('workspaces/:wid/decision-policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperation({ summary: 'Get the decision policies of every stage' })
  @ApiOkResponse({ description: '{stage, core, broad, byStage, custom}' })
  get(@Param('wid', new IdPipe('Workspace')) wid: string): Promise<DecisionPoliciesDto> {
    return this.policies.get(wid);
  }

  @Put(':tier')
  @ApiOperation({ summary: 'Replace the decision policy of a tier (coordinator)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canSetPolicies, 'Only coordinators can set decision policies')
  @ApiParam({ name: 'tier', enum: TIERS, description: 'core | broad (anything else: 404)' })
  @ApiZodBody(policyPutSchema)
  @ApiOkResponse({ description: 'All policies after the change (same shape as GET)' })
  put(
    @CurrentMember() me: Membership,
    @Param('tier', new TierPipe()) tier: Tier,
    @Body(new ZodPipe(policyPutSchema)) body: PolicyPut,
  ): Promise<DecisionPoliciesDto> {
    return this.policies.put(me, tier, body);
  }
}
