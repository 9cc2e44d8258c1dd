/**
 * `analyse`, run once per object and remembered while the object lives (a WeakMap). For analyses
 * of a flow document, action or loaded flow, all read-only by their types: the jurisdictions of a
 * synthesis share the flow files read once (SourceCache), so each is analysed once per process,
 * and a changed flow is a new object (e.g. withHoldMusic's copy), analysed anew.
 */
export function oncePerObject<K extends object, V>(analyse: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = analyse(key);
    known.set(key, value);
    return value;
  };
}
