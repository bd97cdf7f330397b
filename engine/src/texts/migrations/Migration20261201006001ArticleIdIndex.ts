import { Migration } from '@mikro-orm/migrations';

/**
 * Lets a revision find, through an index, whether an article id is already used by another bill
 * (`articles @> '[{"id": …}]'`): article ids are unique per bill across all its versions.
 */
export class Migration20261201006001ArticleIdIndex extends Migration {
  override up(): void {
    this.addSql(
      'create index "bill_version_articles_ids" on "bill_version" using gin ("articles" jsonb_path_ops);',
    );
  }

  override down(): void {
    this.addSql('drop index if exists "bill_version_articles_ids";');
  }
}
