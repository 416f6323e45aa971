import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Health } from '@coalesce/shared';
import type { Response } from 'express';
import { Public } from '../../common/auth/public.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Health of the server, its database and Redis' })
  @ApiOkResponse({
    description:
      '{"status":"ok","db":"up","redis":"up"|"off"}; Redis down is 200 with status "degraded"',
  })
  @ApiResponse({
    status: 503,
    description: '{"status":"degraded","db":"down"} when the database does not answer',
  })
  async get(@Res({ passthrough: true }) res: Response): Promise<Health> {
    const result = await this.health.check();
    if (result.db !== 'up') res.status(503);
    return result;
  }
}
