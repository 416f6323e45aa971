import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { PartnersModule } from '../partners/partners.module';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';

@Module({
  imports: [ActivityModule, PartnersModule],
  controllers: [ConnectionsController],
  providers: [ConnectionsService],
  exports: [ConnectionsService],
})
export class ConnectionsModule {}
