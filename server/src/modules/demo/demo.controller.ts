import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth.types';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DemoService } from './demo.service';

@ApiTags('demo')
@Controller('demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({
    description:
      '{workspaceId}: a new demo network (18 months of history) coordinated by the caller; 404 when DEMO_ENABLED=false, 429 after DEMO_PER_USER_PER_DAY creates',
  })
  create(@CurrentUser() me: AuthContext): Promise<{ workspaceId: string }> {
    return this.demo.createForCaller(me.userId);
  }
}
