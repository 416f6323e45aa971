import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { updateMeSchema, type UpdateMeInput, type UserDto } from '@coalesce/shared';
import type { AuthContext } from '../../common/auth/auth.types';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiZodBody } from '../../common/validation/openapi';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { UsersService } from './users.service';
import { toUserDto } from './users.util';

@ApiTags('auth')
@Controller('me')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Get the signed-in user' })
  @ApiOkResponse({ description: 'The signed-in user {id, email, displayName, locale, createdAt}' })
  async me(@CurrentUser() me: AuthContext): Promise<UserDto> {
    return toUserDto(await this.users.get(me.userId));
  }

  @Patch()
  @ApiOperation({ summary: 'Update my profile' })
  @ApiZodBody(updateMeSchema)
  async update(
    @CurrentUser() me: AuthContext,
    @Body(new ZodPipe(updateMeSchema)) body: UpdateMeInput,
  ): Promise<UserDto> {
    return toUserDto(await this.users.update(me.userId, body));
  }
}
