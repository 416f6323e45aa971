import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MembersModule } from '../members/members.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AuthModule, MembersModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
