import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { ormOptions, type OrmOptionsInput } from './mikro-orm.options';

/** MikroORM on PostgreSQL, registered once for the whole application. */
@Module({})
export class DatabaseModule {
  static forRoot(input: OrmOptionsInput): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(input), registerRequestContext: true })],
    };
  }
}
