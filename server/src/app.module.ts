import { type DynamicModule, Global, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/config';
import { dataSourceOptions } from './common/database/data-source';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { DocumentsModule } from './modules/documents/documents.module';
import { HealthModule } from './modules/health/health.module';

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
        HealthModule,
        DocumentsModule,
        ...extraImports,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
