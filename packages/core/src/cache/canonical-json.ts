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
 * {@link canonicalJson}, whether the value holds binary data (which the text has only as a hash,
 * so the value cannot be rebuilt from it), and which of the value's own members (when it is an
 * object) hold an object whose keys the text has in another order than the value
 * (`reorderedMembers`: parsing the text back gives every other member in its own order).
 */
export function canonicalJsonOf(value: unknown): {
  json: string;
  binary: boolean;
  reorderedMembers: string[];
} {
  const writer = new CanonicalWriter();
  const json = writer.write(value);
  return { json, binary: writer.binary, reorderedMembers: writer.reorderedMembers };
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
  /** The top-level object's members in which an object's keys were sorted. */
  readonly reorderedMembers: string[] = [];
  // Objects whose keys were sorted so far, and how deep in objects the writer is.
  private reorderings = 0;
  private depth = 0;

  write(value: unknown): string {
    if (isPlainObject(value)) return this.topObject(value);
    return this.serialize(value, '') ?? 'null';
  }

  // A plain object at the top (a request): each member is checked once. All in canonical order,
  // it is written by the engine's JSON.stringify in one go; otherwise the members found in order
  // are written by it without a second check (a tool's schema out of order does not send a long
  // conversation through the walk twice).
  private topObject(record: Record<string, unknown>): string {
    let previous: string | undefined;
    let keysInOrder = true;
    let membersInOrder = true;
    const inOrder: boolean[] = [];
    for (const key in record) {
      if (!Object.hasOwn(record, key)) return this.object(record);
      if (isArrayIndex(key)) keysInOrder = false;
      else if (previous !== undefined && !(previous < key)) keysInOrder = false;
      previous = key;
      const memberInOrder = isCanonical(record[key], 1);
      inOrder.push(memberInOrder);
      membersInOrder &&= memberInOrder;
    }
    if (keysInOrder && membersInOrder) return JSON.stringify(record);
    const keys = Object.keys(record);
    const order = keys.map((_, index) => index);
    if (!keysInOrder) order.sort((a, b) => compareKeys(keys[a]!, keys[b]!));
    this.depth += 1;
    let text = '{';
    for (const index of order) {
      const key = keys[index]!;
      if (inOrder[index]) {
        const serialized = JSON.stringify(record[key]);
        if (serialized !== undefined)
          text = `${text.length > 1 ? `${text},` : text}${JSON.stringify(key)}:${serialized}`;
      } else {
        text = this.member(text, record, key);
      }
    }
    this.depth -= 1;
    return `${text}}`;
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
    if (others.length > 1 && !isSorted(others)) {
      others.sort();
      this.reorderings += 1;
    }
    this.depth += 1;
    let text = '{';
    for (let index = 0; index < integers; index += 1)
      text = this.member(text, record, keys[index]!);
    for (const key of others) text = this.member(text, record, key);
    this.depth -= 1;
    return `${text}}`;
  }

  private member(text: string, record: Record<string, unknown>, key: string): string {
    const before = this.reorderings;
    const serialized = this.serialize(record[key], key);
    if (this.depth === 1 && this.reorderings > before) this.reorderedMembers.push(key);
    if (serialized === undefined) return text;
    return `${text.length > 1 ? `${text},` : text}${JSON.stringify(key)}:${serialized}`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

// The canonical order of two keys of one object: integer indexes first, ascending, then the
// others, sorted.
function compareKeys(a: string, b: string): number {
  const aIndex = isArrayIndex(a);
  const bIndex = isArrayIndex(b);
  if (aIndex !== bIndex) return aIndex ? -1 : 1;
  if (aIndex) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isSorted(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index += 1) {
    if (!(keys[index - 1]! < keys[index]!)) return false;
  }
  return true;
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
