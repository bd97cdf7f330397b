import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { ZodValidationPipe } from './errors/zod-validation.pipe';
import { ConfigModule } from './config/config.module';
import type { LiquideConfig } from './config/liquide-config';
import { DatabaseModule } from './database/database.module';
import type { NamedMigration } from './database/mikro-orm.options';
import { ENGINE_ENTITIES } from './engine-persistence';
import { HealthModule } from './health/health.module';
import { AuthModule } from './auth/auth.module';
import { RecordModule } from './record/record.module';
import { AccessModule } from './access/access.module';
import { CollectivesModule } from './collectives/collectives.module';
import { MembersModule } from './members/members.module';
import { BillsModule } from './bills/bills.module';
import { BallotsModule } from './ballots/ballots.module';
import { VotesModule } from './votes/votes.module';
import { DelegationsModule } from './delegations/delegations.module';
import { DeputiesModule } from './deputies/deputies.module';
import { ComplianceModule } from './compliance/compliance.module';
import { LiveModule } from './live/live.module';
import { MailModule } from './mail/mail.module';
import { IdentityModule } from './identity/identity.module';
import { NoticesModule } from './notices/notices.module';
import { PeopleModule } from './people/people.module';
import type { LiquidePlugin } from './plugins/plugin-definition';
import { pluginEntities } from './plugins/plugin-validation';
import { PluginsModule } from './plugins/plugins.module';
import { SecurityModule } from './security/security.module';
import { TextsModule } from './texts/texts.module';

export interface EngineModuleOptions {
  readonly config: LiquideConfig;
  /** The database URL actually used (the embedded one when DATABASE_URL is unset). */
  readonly databaseUrl: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly extraEntities?: readonly Function[];
  readonly extraMigrations?: readonly NamedMigration[];
  /** The plugins the server runs, listed explicitly; validated before anything starts. */
  readonly plugins?: readonly LiquidePlugin[];
}

/** The kernel: configuration, database, CQRS buses and the engine's feature modules. */
@Module({})
export class EngineModule {
  static forRoot(options: EngineModuleOptions): DynamicModule {
    return {
      module: EngineModule,
      imports: [
        ConfigModule.forRoot(options.config),
        CqrsModule.forRoot(),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          entities: [
            ...ENGINE_ENTITIES,
            ...pluginEntities(options.plugins ?? []),
            ...(options.extraEntities ?? []),
          ],
          migrations: [],
          poolMax: options.config.database.poolMax,
          timeouts: options.config.database.timeouts,
        }),
        HealthModule,
        MailModule,
        AuthModule,
        IdentityModule,
        SecurityModule,
        RecordModule,
        AccessModule,
        CollectivesModule,
        MembersModule,
        BillsModule,
        BallotsModule,
        VotesModule,
        DelegationsModule,
        TextsModule,
        DeputiesModule,
        ComplianceModule,
        LiveModule,
        NoticesModule,
        PeopleModule,
        PluginsModule.forRoot(options.plugins ?? []),
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
