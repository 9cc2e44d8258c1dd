/**
 * Construct ids for resources named in the jurisdiction config.
 *
 * Construct ids are part of the contract: CloudFormation logical ids are derived from
 * them, so changing how an id is built replaces every resource built with it. Keep
 * {@link resourceId} stable.
 */

/** Characters kept in the name part of an id; everything else is dropped. */
const DISALLOWED = /[^A-Za-z0-9_-]/g;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/** The part of a config name that goes into a construct id: letters, digits, `_` and `-`. */
export function idPart(name: string): string {
  return name.replace(DISALLOWED, '');
}

/**
 * The construct id of the `kind` resource called `name`: `<kind>-<name>` with every
 * character other than letters, digits, `_` and `-` removed from the name, so
 * `resourceId('Queue', 'City Services')` is `'Queue-CityServices'`.
 *
 * Different names can give the same id (`"Case Work"` and `"CaseWork"`); the config
 * cross-checks reject such pairs before any construct is built.
 *
 * @param kind resource kind, letters and digits starting with a letter (e.g. `Hours`, `Queue`)
 * @param name the name from the config
 * @throws if `kind` is not a plain word or nothing of `name` is left after stripping
 */
export function resourceId(kind: string, name: string): string {
  if (!KIND.test(kind)) {
    throw new Error(`resourceId: kind ${JSON.stringify(kind)} must be letters and digits starting with a letter`);
  }
  const part = idPart(name);
  if (part === '') {
    throw new Error(`resourceId: name ${JSON.stringify(name)} has no letters, digits, "_" or "-" to build a ${kind} id from`);
  }
  return `${kind}-${part}`;
}
