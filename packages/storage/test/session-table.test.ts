import { copyEntry } from '../src/session-table';

describe('copyEntry', () => {
  it('copies deeply, keeping every JSON value, including a "__proto__" field', () => {
    const entry = JSON.parse('{"sessionId":"s","agent":"a","__proto__":{"x":1},"list":[1,{"b":null}],"flag":false}');
    const copy = copyEntry(entry);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(entry));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    (copy.list as Array<{ b: unknown }>)[1]!.b = 'changed';
    expect(JSON.stringify(entry)).toContain('{"b":null}');
  });
});
