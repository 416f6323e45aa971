import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { ConnectionsModule } from '../connections/connections.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { PartnersModule } from '../partners/partners.module';
import { SurveysModule } from '../surveys/surveys.module';
import { NetworkController } from './network.controller';
import { NetworkService } from './network.service';

@Module({
  imports: [ActivityModule, PartnersModule, ConnectionsModule, ExperimentsModule, SurveysModule],
  controllers: [NetworkController],
  providers: [NetworkService],
})
export class NetworkModule {}
