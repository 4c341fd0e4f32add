import { copyEntry, freezeEntry } from '../src/entry-ownership';

function sample(): ReturnType<typeof copyEntry> {
  return JSON.parse('{"sessionId":"s","agent":"a","__proto__":{"x":1},"list":[1,{"b":null}],"flag":false}');
}

describe('copyEntry', () => {
  it('copies deeply, keeping every JSON value, including a "__proto__" field', () => {
    const entry = sample();
    const copy = copyEntry(entry);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(entry));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(copy)).toContain('__proto__');
    (copy.list as Array<{ b: unknown }>)[1]!.b = 'changed';
    (copy['__proto__'] as { x: number }).x = 2;
    expect(JSON.stringify(entry)).toBe(JSON.stringify(sample()));
  });

  it('gives a changeable copy of a frozen record', () => {
    const copy = copyEntry(freezeEntry(sample()));
    (copy.list as Array<{ b: unknown }>)[1]!.b = 'changed';
    expect(JSON.stringify(copy)).toContain('{"b":"changed"}');
  });
});

describe('freezeEntry', () => {
  it('freezes every object and array of the record, and returns the record itself', () => {
    const entry = sample();
    expect(freezeEntry(entry)).toBe(entry);
    expect(() => {
      entry.agent = 'other';
    }).toThrow(TypeError);
    expect(() => (entry.list as unknown[]).push(2)).toThrow(TypeError);
    expect(() => {
      (entry.list as Array<{ b: unknown }>)[1]!.b = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (entry['__proto__'] as { x: number }).x = 2;
    }).toThrow(TypeError);
    expect(JSON.stringify(entry)).toBe(JSON.stringify(sample()));
  });
});
