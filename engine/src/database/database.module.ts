import { EntityManager } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseMonitor, type GatedPool } from './database-monitor';
import { ormOptions, type OrmOptionsInput } from './mikro-orm.options';
import { PoolConnections } from './pool-connections';

/**
 * MikroORM on PostgreSQL, registered once for the whole application. No per-request context:
 * every handler forks its own EntityManager (`em.fork()`), and the global one refuses context
 * work (`allowGlobalContext: false`), so nothing needs one — and requests skip the fork and the
 * async context bookkeeping it costs.
 *
 * With `timeouts`, every wait for PostgreSQL is bounded and the {@link DatabaseMonitor} watches the
 * database: a lost or silent database is answered with a 503 within about a second.
 */
@Module({})
export class DatabaseModule {
  static forRoot(input: OrmOptionsInput): DynamicModule {
    const connections = new PoolConnections();
    const timeouts = input.timeouts;
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        MikroOrmModule.forRoot({
          ...ormOptions({ ...input, onConnection: connections.add }),
          registerRequestContext: false,
        }),
      ],
      providers: timeouts
        ? [
            {
              provide: DatabaseMonitor,
              inject: [EntityManager],
              useFactory: (em: EntityManager) =>
                new DatabaseMonitor(
                  input.url,
                  timeouts,
                  connections,
                  em.getConnection().getKnex().client as GatedPool,
                ),
            },
          ]
        : [],
      exports: timeouts ? [DatabaseMonitor] : [],
    };
  }
}
