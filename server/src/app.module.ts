import { type DynamicModule, Global, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/config';
import { dataSourceOptions } from './common/database/data-source';
import { PgClientErrors } from './common/database/pg-client-errors';
import { AuthGuard } from './common/auth/auth.guard';
import { WorkspaceAccessGuard } from './common/auth/workspace-access';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { EventsModule } from './common/events/events.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { ActivityModule } from './modules/activity/activity.module';
import { AuthModule } from './modules/auth/auth.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { MembersModule } from './modules/members/members.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { UsersModule } from './modules/users/users.module';
import { WorkspacesModule } from './modules/workspaces/workspaces.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { HealthModule } from './modules/health/health.module';
import { ExportModule } from './modules/export/export.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PartnersModule } from './modules/partners/partners.module';
import { PoliciesModule } from './modules/policies/policies.module';
import { PrinciplesModule } from './modules/principles/principles.module';
import { ProposalsModule } from './modules/proposals/proposals.module';
import { ExperimentsModule } from './modules/experiments/experiments.module';
import { ConnectionsModule } from './modules/connections/connections.module';
import { NetworkModule } from './modules/network/network.module';
import { ResearchModule } from './modules/research/research.module';
import { DemoModule } from './modules/demo/demo.module';
import { ThreadsModule } from './modules/threads/threads.module';
import { SurveysModule } from './modules/surveys/surveys.module';
import { ParticipationModule } from './modules/participation/participation.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

@Module({})
export class AppModule {
  /**
   * The config (with a resolved database URL) is passed in, never read from process.env here.
   * `extraImports` adds modules (tests use it to provide e.g. a COLLAB_AUTHENTICATOR).
   */
  static forRoot(
    config: AppConfig & { database: { url: string } },
    extraImports: NonNullable<ModuleMetadata['imports']> = [],
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.database.url),
          autoLoadEntities: false,
        }),
        EventsModule,
        RateLimitModule,
        HealthModule,
        UsersModule,
        AuthModule,
        ActivityModule,
        MembersModule,
        WorkspacesModule,
        InvitationsModule,
        PartnersModule,
        PrinciplesModule,
        PoliciesModule,
        ProposalsModule,
        ExperimentsModule,
        ConnectionsModule,
        SurveysModule,
        ParticipationModule,
        NetworkModule,
        DocumentsModule,
        RealtimeModule,
        NotificationsModule,
        ExportModule,
        ResearchModule,
        DemoModule,
        ThreadsModule,
        ...extraImports,
      ],
      providers: [
        PgClientErrors,
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        // Order matters: 401 (who are you) before 404/403 (which workspace, which role),
        // both before any pipe validates the body (400).
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: WorkspaceAccessGuard },
      ],
    };
  }
}
