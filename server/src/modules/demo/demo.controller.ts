import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@coalesce/shared';
import type { AuthContext } from '../../common/auth/auth.types';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DemoService } from './demo.service';
import { ApiErrors } from '../../common/validation/openapi';

@ApiTags('demo')
@Controller('demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Post()
  @ApiOperation({ summary: 'Create a demo network coordinated by the caller' })
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED)
  @HttpCode(201)
  @ApiCreatedResponse({
    description:
      '{workspaceId}: a new demo network (18 months of history) coordinated by the caller; 404 when DEMO_ENABLED=false, 429 after DEMO_PER_USER_PER_DAY creates',
  })
  create(@CurrentUser() me: AuthContext): Promise<{ workspaceId: string }> {
    return this.demo.createForCaller(me.userId);
  }
}
