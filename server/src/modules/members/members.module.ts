import { Module } from '@nestjs/common';
import { MEMBERSHIP_LOOKUP } from '../../common/auth/auth.types';
import { ActivityModule } from '../activity/activity.module';
import { UsersModule } from '../users/users.module';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [UsersModule, ActivityModule],
  controllers: [MembersController],
  providers: [MembersService, { provide: MEMBERSHIP_LOOKUP, useExisting: MembersService }],
  exports: [MembersService, MEMBERSHIP_LOOKUP],
})
export class MembersModule {}
