import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MembersModule } from '../members/members.module';
import { RealtimeAccessListener } from './realtime-access.listener';
import { RealtimeGateway } from './realtime.gateway';

@Module({
  imports: [AuthModule, MembersModule],
  providers: [RealtimeGateway, RealtimeAccessListener],
})
export class RealtimeModule {}
