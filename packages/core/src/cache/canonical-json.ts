import { hash } from 'node:crypto';

/**
 * Serialises a value to JSON with object keys sorted at every depth, `undefined` properties
 * dropped and `null` kept, so that equal values always give equal text, whatever the order
 * their keys were written in. Binary data (`Uint8Array`) becomes its SHA-256, so large images
 * cost one hash and never sit in a key; a bigint becomes its decimal string.
 *
 * It is `JSON.stringify(value, sortingReplacer)` written out by hand (a replacer is a call from
 * the engine into JavaScript per value, the larger part of keying a short request); each
 * string still goes through `JSON.stringify`. The value must hold no cycle (a request is checked
 * for cycles before it is keyed).
 */
export function canonicalJson(value: unknown): string {
  return new CanonicalWriter().write(value);
}

/**
 * {@link canonicalJson}, and whether the value holds binary data (which the text has only as a
 * hash, so the value cannot be rebuilt from it).
 */
export function canonicalJsonOf(value: unknown): { json: string; binary: boolean } {
  const writer = new CanonicalWriter();
  const json = writer.write(value);
  return { json, binary: writer.binary };
}

// The deepest value the fast path checks; anything deeper is written by the writer.
const maxCheckedDepth = 64;

// Whether `JSON.stringify(value)` is already its canonical JSON: every object's keys were inserted
// in sorted order (integer keys, which every object lists first, then the others, ascending), and
// nothing is binary (a hash in canonical JSON) or a bigint (which JSON.stringify refuses). Values
// with `toJSON` go to the writer (as does anything but plain objects and arrays). A request built by Kagura is mostly this, and the engine's own
// JSON.stringify is several times faster than a walk writing the text in JavaScript; this walk
// only reads keys.
function isCanonical(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'bigint';
  if (depth > maxCheckedDepth) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let index = 0; index < value.length; index += 1) {
      if (!isCanonical(value[index], depth + 1)) return false;
    }
    return true;
  }
  // Only plain objects: binary data, boxed primitives, class instances and anything with
  // `toJSON` are the writer's.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const record = value as Record<string, unknown>;
  // The last key that is not an integer index (those are listed first, ascending, by the engine).
  let previous: string | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return false;
    if (!isArrayIndex(key)) {
      if (previous !== undefined && !(previous < key)) return false;
      previous = key;
    }
    if (!isCanonical(record[key], depth + 1)) return false;
  }
  return true;
}

class CanonicalWriter {
  binary = false;

  write(value: unknown): string {
    return this.serialize(value, '') ?? 'null';
  }

  // JSON of `value` as the property `key` of its holder; `undefined` where JSON has no value (an
  // undefined, a function, a symbol), which an object leaves out and an array writes as null.
  private serialize(value: unknown, key: string): string | undefined {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'object' && value !== null) {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return this.serialize((value as { toJSON(key: string): unknown }).toJSON(key), key);
      }
      // A part already in canonical order (as Kagura builds its requests) is written by the
      // engine's own JSON.stringify, several times faster than this walk.
      if (isCanonical(value, 0)) return JSON.stringify(value);
      return Array.isArray(value) ? this.array(value) : this.object(value);
    }
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return value === null ? 'null' : undefined;
  }

  private array(value: readonly unknown[]): string {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += this.serialize(value[index], String(index)) ?? 'null';
    }
    return `${text}]`;
  }

  private object(value: object): string {
    if (value instanceof Uint8Array) {
      this.binary = true;
      return `{"$sha256":"${hash('sha256', value, 'hex')}"}`;
    }
    const record = value as Record<string, unknown>;
    // The order of an object whose keys were inserted sorted: integer keys first, ascending (as
    // Object.keys lists them already), then the others, sorted.
    const keys = Object.keys(record);
    let integers = 0;
    while (integers < keys.length && isArrayIndex(keys[integers]!)) integers += 1;
    const others = integers === 0 ? keys : keys.slice(integers);
    if (others.length > 1) others.sort();
    let text = '{';
    for (let index = 0; index < integers; index += 1)
      text = this.member(text, record, keys[index]!);
    for (const key of others) text = this.member(text, record, key);
    return `${text}}`;
  }

  private member(text: string, record: Record<string, unknown>, key: string): string {
    const serialized = this.serialize(record[key], key);
    if (serialized === undefined) return text;
    return `${text.length > 1 ? `${text},` : text}${JSON.stringify(key)}:${serialized}`;
  }
}

// Whether `key` is an integer index, which objects enumerate before their other keys.
function isArrayIndex(key: string): boolean {
  if (key.length === 0) return false;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && key.length > 1)) return false;
  for (let index = 1; index < key.length; index += 1) {
    const code = key.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return Number(key) < 4_294_967_295;
}
