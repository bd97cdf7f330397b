import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { ormOptions, type OrmOptionsInput } from './mikro-orm.options';

/**
 * MikroORM on PostgreSQL, registered once for the whole application. No per-request context:
 * every handler forks its own EntityManager (`em.fork()`), and the global one refuses context
 * work (`allowGlobalContext: false`), so nothing needs one — and requests skip the fork and the
 * async context bookkeeping it costs.
 */
@Module({})
export class DatabaseModule {
  static forRoot(input: OrmOptionsInput): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(input), registerRequestContext: false })],
    };
  }
}
