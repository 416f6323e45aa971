import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  canManageSurveys,
  createSurveyWaveSchema,
  ErrorCode,
  submitSurveyResponseSchema,
  surveyListQuerySchema,
  type CreateSurveyWave,
  type Page,
  type SurveyListQuery,
  type SurveyResponseDto,
  type SurveyScoresDto,
  type SurveyWaveDto,
  type SubmitSurveyResponse,
} from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';
import { CurrentMember } from '../../common/auth/current-user.decorator';
import { ResourceAccess } from '../../common/auth/resource-access';
import { WorkspaceAccess } from '../../common/auth/workspace-access';
import { ApiErrors, ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { MANAGE_DENIED, SurveysService } from './surveys.service';

@ApiTags('surveys')
@Controller('workspaces/:wid/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post()
  @ApiOperation({ summary: 'Open a relationship survey wave (coordinators)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @WorkspaceAccess(canManageSurveys, MANAGE_DENIED)
  @ApiZodBody(createSurveyWaveSchema, {
    title: 'Spring 2026',
    opensAt: '2026-03-01T08:00:00Z',
    closesAt: '2026-03-15T17:00:00Z',
  })
  @ApiCreatedResponse({
    description:
      'The wave: `open` at once when `opensAt` is absent or not in the future (the active partners are asked and notified), else `scheduled`',
  })
  create(
    @Param('wid', new IdPipe('Workspace')) _wid: string,
    @CurrentMember() me: Membership,
    @Body(new ZodPipe(createSurveyWaveSchema)) body: CreateSurveyWave,
  ): Promise<SurveyWaveDto> {
    return this.surveys.create(me, body);
  }

  @Get()
  @ApiOperation({ summary: 'List survey waves, latest first' })
  @ApiZodQuery(surveyListQuerySchema)
  @ApiOkResponse({ description: '{items: SurveyWave[], nextCursor}, by opening, newest first' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(surveyListQuerySchema)) q: SurveyListQuery,
  ): Promise<Page<SurveyWaveDto>> {
    return this.surveys.list(wid, q);
  }

  @Get(':sid')
  @ApiOperation({ summary: 'Get a survey wave with its roster and who answered' })
  @ApiOkResponse({ description: 'The wave (never what partners answered)' })
  get(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('sid', new IdPipe('Survey wave')) sid: string,
  ): Promise<SurveyWaveDto> {
    return this.surveys.get(wid, sid);
  }

  @Get(':sid/scores')
  @ApiOperation({ summary: 'Scores of a wave: per partner, per network, stage profile, change' })
  @ApiOkResponse({
    description:
      'Aggregates only, for every member (observers too); each score is null when fewer than 3 partners gave it',
  })
  scores(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Param('sid', new IdPipe('Survey wave')) sid: string,
  ): Promise<SurveyScoresDto> {
    return this.surveys.scores(wid, sid);
  }

  @Post(':sid/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a survey wave now (coordinators)' })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @WorkspaceAccess(canManageSurveys, MANAGE_DENIED)
  @ApiOkResponse({ description: 'The wave, `closed` (409 when it already was)' })
  close(
    @CurrentMember() me: Membership,
    @Param('sid', new IdPipe('Survey wave')) sid: string,
  ): Promise<SurveyWaveDto> {
    return this.surveys.close(me, sid);
  }

  @Get(':sid/responses')
  @ApiOperation({ summary: 'Every individual answer of a wave (coordinators)' })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiOkResponse({ description: '{items: SurveyResponse[], nextCursor: null}' })
  responses(
    @CurrentMember() me: Membership,
    @Param('sid', new IdPipe('Survey wave')) sid: string,
  ): Promise<Page<SurveyResponseDto>> {
    return this.surveys.responses(me, sid);
  }

  @Get(':sid/responses/:pid')
  @ApiOperation({
    summary: "One partner's answer (coordinators and that partner's representatives)",
  })
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiOkResponse({ description: 'The response (404 when the partner has not answered)' })
  response(
    @CurrentMember() me: Membership,
    @Param('sid', new IdPipe('Survey wave')) sid: string,
    @Param('pid', new IdPipe('Partner')) pid: string,
  ): Promise<SurveyResponseDto> {
    return this.surveys.response(me, sid, pid);
  }

  @Put(':sid/responses/:pid')
  @ApiOperation({ summary: "Submit or revise a partner's answer while the wave is open" })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATE)
  @ApiZodBody(submitSurveyResponseSchema, {
    ties: [
      {
        partnerId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        worksWith: true,
        level: 'coordination',
        trust: { reliability: 4, missionSupport: 3, openness: 4 },
        value: { influence: 2, involvement: 3, resourceContribution: 3 },
        contributions: ['expertise', 'target_group'],
      },
      { partnerId: '5d0e3a9c-1f2b-4c6d-8e7f-a0b1c2d3e4f5', worksWith: false },
    ],
    stage: { vision_forming: 2, experiments_evidence: 4 },
  })
  @ApiOkResponse({
    description:
      "The partner's response (representatives of that partner; 409 when the wave is not open)",
  })
  @ResourceAccess(SurveysService, (s, r) =>
    s.authorizeSubmit(r.member, r.id('sid', 'Survey wave'), r.id('pid', 'Partner')),
  )
  submit(
    @CurrentMember() me: Membership,
    @Param('sid', new IdPipe('Survey wave')) sid: string,
    @Param('pid', new IdPipe('Partner')) pid: string,
    @Body(new ZodPipe(submitSurveyResponseSchema)) body: SubmitSurveyResponse,
  ): Promise<SurveyResponseDto> {
    return this.surveys.submit(me, sid, pid, body);
  }
}
