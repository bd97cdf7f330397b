import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../collectives/collective.entity';

/** Whether a plugin is enabled in a collective, with its settings there (kept when disabled). */
@Entity({ tableName: 'plugin_setting' })
export class PluginSetting {
  @ManyToOne(() => Collective, { ref: true, primary: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @PrimaryKey({ type: 'text' })
  readonly pluginId: string;

  @Property({ type: 'boolean' })
  enabled: boolean;

  /** Parsed settings (defaults applied), `{ global, phases }`. */
  @Property({ type: 'json' })
  settings: Record<string, unknown>;

  /** The preset the settings came from, if any. */
  @Property({ type: 'text', nullable: true })
  preset: string | null;

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();

  constructor(input: {
    collective: Ref<Collective>;
    pluginId: string;
    enabled: boolean;
    settings: Record<string, unknown>;
    preset: string | null;
  }) {
    this.collective = input.collective;
    this.pluginId = input.pluginId;
    this.enabled = input.enabled;
    this.settings = input.settings;
    this.preset = input.preset;
  }
}
