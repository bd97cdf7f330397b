import type { DynamicModule, ForwardReference, InjectionToken, Provider, Type } from '@nestjs/common';
import type { ZodObject } from 'zod';
import type { NamedMigration } from '../database/mikro-orm.options';
import type { Role } from '../members/member.entity';

/** Text in the two languages Liquide speaks. */
export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

/**
 * Who may take one of a plugin's actions. The same rule shape as the engine's policy
 * (`engine/src/access/policy.ts`): one of `roles` in the collective, or anyone when the collective
 * is public and `anyoneIfPublic` is set (reads only).
 */
export interface PluginActionRule {
  readonly roles: readonly Role[];
  readonly anyoneIfPublic?: boolean;
  readonly description?: Bilingual;
}

/**
 * A plugin's settings, namespaced under its id and stored per collective as
 * `{ global: {...}, phases: { <phase>: {...} } }`. Every field should have a default, so that `{}`
 * is valid; the host serves the composed schema as JSON Schema for the web client's form.
 */
export interface PluginSettingsDeclaration {
  /** Settings that hold for the whole plugin. */
  readonly global: ZodObject;
  /** Settings per phase of the plugin's workflow, in the order the phases happen. */
  readonly phases?: Readonly<Record<string, ZodObject>>;
  /** Named settings an organiser can pick instead of writing their own (input shape, validated at start). */
  readonly presets?: Readonly<Record<string, PresetDeclaration>>;
}

/** A named, documented set of settings. */
export interface PresetDeclaration {
  readonly title: Bilingual;
  readonly settings: PluginSettingsInput;
}

/** Settings as an organiser sends them (before defaults). */
export interface PluginSettingsInput {
  readonly global?: Readonly<Record<string, unknown>>;
  readonly phases?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Client-side pieces, as data: paths of Svelte components and routes the web client mounts. */
export interface PluginWebContributions {
  /** Components mounted in named slots of the web client (e.g. `collective.sidebar`). */
  readonly components?: readonly { readonly name: string; readonly path: string; readonly slot: string }[];
  /** Pages under `/c/:collectiveId/<path>`. */
  readonly routes?: readonly {
    readonly path: string;
    readonly component: string;
    readonly title: Bilingual;
  }[];
}

/** The socket.io events a plugin adds (names only; payload types live in its contracts). */
export interface PluginSocketEvents {
  readonly clientToServer: readonly string[];
  readonly serverToClient: readonly string[];
}

/** A dependency on another plugin: its id, and optionally the versions accepted (`^1.2.0`…). */
export type PluginDependency = string | { readonly id: string; readonly range?: string };

/**
 * Everything a plugin is, declared once. The host validates it at start (engine range, dependencies,
 * presets), registers its entities and migrations, builds its Nest module from the handlers,
 * controllers, gateways and providers listed here, and enforces its actions' rules.
 */
export interface PluginDefinition {
  /** Lowercase, dashes allowed (`petitions`); namespaces routes, actions and settings. */
  readonly id: string;
  /** The plugin's own version, `x.y.z`. */
  readonly version: string;
  /** Engine versions supported: `^x.y.z`, `~x.y.z`, `>=x.y.z <a.b.c`, `x.y.z`, `*`, or alternatives with `||`. */
  readonly engineRange: string;
  /** Other plugins this one needs, which the server must list too. */
  readonly dependsOn?: readonly PluginDependency[];
  readonly title: Bilingual;
  readonly description?: Bilingual;
  readonly settings?: PluginSettingsDeclaration;
  /** Actions by name (`petitions.sign`): the roles allowed. Checked by `PluginAccessService`. */
  readonly actions?: Readonly<Record<string, PluginActionRule>>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: readonly Function[];
  /** The plugin's migrations; names sort in run order, after the engine's. */
  readonly migrations?: readonly NamedMigration[];
  readonly commandHandlers?: readonly Type[];
  readonly queryHandlers?: readonly Type[];
  readonly eventHandlers?: readonly Type[];
  readonly controllers?: readonly Type[];
  /** `@WebSocketGateway()` classes; give them `path: '/socket.io'` to share the engine's server. */
  readonly gateways?: readonly Type[];
  /** Other providers (services, schedulers). */
  readonly providers?: readonly Provider[];
  /** Nest modules the plugin's providers need (e.g. `AuthModule`, `RecordModule`). */
  readonly imports?: readonly (Type | DynamicModule | ForwardReference)[];
  /** Providers other plugins may inject (reach them through contracts and buses where possible). */
  readonly exports?: readonly InjectionToken[];
  readonly socketEvents?: PluginSocketEvents;
  readonly web?: PluginWebContributions;
}

/** A plugin as the host receives it (frozen). */
export type LiquidePlugin = Readonly<PluginDefinition>;

/**
 * Declares a plugin. Pure: no side effect until the server lists it in
 * `EngineModule.forRoot({ plugins })` (and its entities and migrations in `persistence.ts`).
 */
export function definePlugin<T extends PluginDefinition>(definition: T): T {
  return Object.freeze({ ...definition });
}

/** The plugin's action names, e.g. for `PluginAccessService.assertCan`. */
export type PluginActionOf<T extends PluginDefinition> =
  T['actions'] extends Readonly<Record<infer K, unknown>> ? K & string : never;
