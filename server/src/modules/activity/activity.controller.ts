import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  activityQuerySchema,
  type ActivityEventDto,
  type ActivityQuery,
  type Page,
} from '@coalesce/shared';
import { ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { ActivityService } from './activity.service';

@ApiTags('activity')
@Controller('workspaces/:wid/activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get()
  @ApiOperation({ summary: 'List the activity log (events), newest first' })
  @ApiZodQuery(activityQuerySchema)
  @ApiOkResponse({ description: '{items, nextCursor}: the event log, newest first' })
  list(
    @Param('wid', new IdPipe('Workspace')) wid: string,
    @Query(new ZodPipe(activityQuerySchema)) q: ActivityQuery,
  ): Promise<Page<ActivityEventDto>> {
    return this.activity.list(wid, q);
  }
}
