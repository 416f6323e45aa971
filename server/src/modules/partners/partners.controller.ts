import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createPartnerSchema,
  delegationInputSchema,
  leavePartnerSchema,
  partnerListQuerySchema,
  updatePartnerSchema,
  type CreatePartner,
  type DelegationInput,
  type LeavePartnerInput,
  type UpdatePartner,
  type Page,
  type PartnerDetailDto,
  type PartnerDto,
  type PartnerListQuery,
  ErrorCode,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { canManagePartners } from './partners.policy';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@Controller('workspaces/:wid/partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Post()
  @ApiOperation({ summary: 'Add an active partner directly (coordinator)' })
  @WorkspaceAccess(canManagePartners, 'Only coordinators can add partners directly')
  @ApiZodBody(createPartnerSchema, {
    kind: 'organisation',
    name: 'Jeugdhuis De Branding',
    actorType: 'youth_work',
    tier: 'core',
    motivations: ['mission_fit', 'new_target_groups'],
    contributions: { expertise: ['outreach'], targetGroups: ['teenagers'], resources: ['venue'] },
    website: 'https://branding.example.org',
  })
  @ApiCreatedResponse({
    description: 'The partner, `active`, joinedAt now (or the given `joinedAt`, not in the future)',
  })
  create(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createPartnerSchema)) body: CreatePartner,
  ): Promise<PartnerDto> {
    return this.partners.create(me, body);
  }

  @Get()
  @ApiOperation({ summary: 'List partners' })
  @ApiZodQuery(partnerListQuerySchema)
  @ApiOkResponse({ description: '{items: Partner[], nextCursor}, oldest first' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(partnerListQuerySchema)) q: PartnerListQuery,
  ): Promise<Page<PartnerDto>> {
    return this.partners.list(wid, q);
  }

  @Get(':pid')
  @ApiOperation({ summary: 'Get a partner with its representatives and history' })
  @ApiOkResponse({ description: 'The partner with its representatives and history' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('pid', new IdPipe('Partner')) pid: string,
  ): Promise<PartnerDetailDto> {
    return this.partners.get(wid, pid);
  }

  @Patch(':pid')
  @ApiOperation({ summary: 'Update a partner' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @ApiZodBody(updatePartnerSchema)
  @ApiOkResponse({ description: 'Coordinator: any field; a representative: profile fields only' })
  @ResourceAccess(PartnersService, (s, r) =>
    s.authorizeUpdate(r.member, r.id('pid', 'Partner'), r.bodyKeys),
  )
  update(
    @CurrentMember() me: Membership,
    @Param('pid', new IdPipe('Partner')) pid: string,
    @Body(new ZodPipe(updatePartnerSchema)) body: UpdatePartner,
  ): Promise<PartnerDetailDto> {
    return this.partners.update(me, pid, body);
  }

  @Post(':pid/leave')
  @ApiOperation({ summary: 'Record that a partner leaves the network' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @HttpCode(200)
  @ApiZodBody(leavePartnerSchema)
  @ApiOkResponse({ description: 'The partner, `left` (coordinator or a representative)' })
  @ResourceAccess(PartnersService, (s, r) => s.authorizeLeave(r.member, r.id('pid', 'Partner')))
  leave(
    @CurrentMember() me: Membership,
    @Param('pid', new IdPipe('Partner')) pid: string,
    @Body(new ZodPipe(leavePartnerSchema)) body: LeavePartnerInput,
  ): Promise<PartnerDetailDto> {
    return this.partners.leave(me, pid, body);
  }

  @Put(':pid/delegation')
  @ApiOperation({ summary: "Delegate a partner's vote to another active partner" })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @ApiZodBody(delegationInputSchema, { toPartnerId: '0b6f1c2e-8d4a-4f3e-9a51-2c7d9e4b6a10' })
  @ApiOkResponse({
    description:
      'The partner with its standing `delegation` (a representative of the partner or a coordinator); one per partner, a new one replaces it',
  })
  @ResourceAccess(PartnersService, (s, r) =>
    s.authorizeDelegation(r.member, r.id('pid', 'Partner')),
  )
  setDelegation(
    @CurrentMember() me: Membership,
    @Param('pid', new IdPipe('Partner')) pid: string,
    @Body(new ZodPipe(delegationInputSchema)) body: DelegationInput,
  ): Promise<PartnerDetailDto> {
    return this.partners.setDelegation(me, pid, body);
  }

  @Delete(':pid/delegation')
  @ApiOperation({ summary: "Revoke a partner's vote delegation" })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @HttpCode(204)
  revokeDelegation(
    @CurrentMember() me: Membership,
    @Param('pid', new IdPipe('Partner')) pid: string,
  ): Promise<void> {
    return this.partners.revokeDelegation(me, pid);
  }
}
