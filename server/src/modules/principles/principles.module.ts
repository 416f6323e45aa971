import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { PrinciplesController } from './principles.controller';
import { PrinciplesService } from './principles.service';

@Module({
  imports: [ActivityModule],
  controllers: [PrinciplesController],
  providers: [PrinciplesService],
  exports: [PrinciplesService],
})
export class PrinciplesModule {}
