import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { MembersModule } from '../members/members.module';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({
  imports: [ActivityModule, MembersModule],
  controllers: [PartnersController],
  providers: [PartnersService],
  exports: [PartnersService],
})
export class PartnersModule {}
