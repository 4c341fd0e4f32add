export type PlainObject = Record<string, unknown>;

/**
 * A JSON object: not null, not an array, not a class instance. Objects from another realm
 * (a vm context, structuredClone in a sandbox) count too, so the test is on the shape of
 * the prototype chain rather than on this realm's Object.prototype.
 */
export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Sets an own property even for keys like `__proto__`, which plain assignment would turn
 * into a prototype change (JSON.parse yields such keys as ordinary data).
 */
export function setOwn(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function hasOwn(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** Words for the kind of a JSON value, for messages ("an array", "a string"). */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isPlainObject(value)) return 'an object';
  const kind = typeof value;
  return kind === 'object' ? 'an object' : `a ${kind}`;
}
