import type { FieldProblem } from '../api/types';
import { childPath, fill, type JsonSchema } from './json-schema';

export type Path = readonly (string | number)[];

type Container = Record<string | number, unknown>;

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/**
 * A value being edited through a form generated from its JSON Schema, and the API's field errors on it.
 * Controls read and write by path (`['phases', 'collection', 'thresholds', 0, 'id']`); the API names
 * fields from `prefix` (`settings.phases.collection.thresholds[0].id`).
 */
export class SchemaDraft {
  value = $state<unknown>(null);
  problems = $state<FieldProblem[]>([]);

  constructor(
    /** Prefix of DOM ids, unique on the page. */
    readonly scope: string,
    readonly schema: JsonSchema,
    initial: unknown,
    /** The body field the value is sent as (`settings`). */
    readonly prefix: string,
  ) {
    this.reset(initial);
  }

  /** Starts again from `value`, defaults filled in, errors cleared. */
  reset(value: unknown): void {
    this.value = fill(this.schema, JSON.parse(JSON.stringify(value ?? {})));
    this.problems = [];
  }

  get(path: Path): unknown {
    let here: unknown = this.value;
    for (const key of path) {
      if (!isContainer(here)) {
        return undefined;
      }
      here = here[key];
    }
    return here;
  }

  /** Writes at `path`; `undefined` removes an object's property (the field is then absent from the body). */
  set(path: Path, value: unknown): void {
    if (path.length === 0) {
      this.value = value;
      return;
    }
    const parent = this.get(path.slice(0, -1));
    const key = path[path.length - 1];
    if (!isContainer(parent)) {
      return;
    }
    if (value === undefined && !Array.isArray(parent)) {
      delete parent[key];
    } else {
      parent[key] = value;
    }
  }

  /** Removes an array item, or an object's property. */
  remove(path: Path): void {
    const parent = this.get(path.slice(0, -1));
    const key = path[path.length - 1];
    if (Array.isArray(parent) && typeof key === 'number') {
      parent.splice(key, 1);
    } else if (isContainer(parent)) {
      delete parent[key];
    }
  }

  /** Renames an object's property, keeping its place among the others. */
  rename(path: Path, from: string, to: string): void {
    const target = this.get(path);
    if (!isContainer(target) || from === to || to in target) {
      return;
    }
    const entries = Object.entries(target).map(([key, value]) => [key === from ? to : key, value] as const);
    this.set(path, Object.fromEntries(entries));
  }

  /** The field name the API uses for this path. */
  field(path: Path): string {
    return path.reduce<string>((name, key) => childPath(name, key), this.prefix);
  }

  /** Messages of the API's errors on exactly this field. */
  errorsAt(path: Path): string[] {
    const name = this.field(path);
    return this.problems.filter((problem) => problem.field === name).map((problem) => problem.message);
  }

  /** The value as plain JSON, ready to send. */
  snapshot(): unknown {
    return $state.snapshot(this.value);
  }
}
