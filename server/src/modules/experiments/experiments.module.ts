import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { PartnersModule } from '../partners/partners.module';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsService } from './experiments.service';

@Module({
  imports: [ActivityModule, PartnersModule],
  controllers: [ExperimentsController],
  providers: [ExperimentsService],
  exports: [ExperimentsService],
})
export class ExperimentsModule {}
