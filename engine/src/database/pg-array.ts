/**
 * A PostgreSQL array literal for a list of uuids, to bind as one parameter (`?::uuid[]`).
 * Raw bindings would otherwise spread a JavaScript array into a list of values.
 */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      throw new TypeError(`not a uuid: ${id}`);
    }
  }
  return `{${ids.join(',')}}`;
}

/** A PostgreSQL array literal for a list of strings, to bind as one parameter (`?::text[]`). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
