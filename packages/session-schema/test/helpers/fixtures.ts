import fs from 'node:fs';
import path from 'node:path';

/** A fresh parse of test/fixtures/<name>.json, as storage would read it from disk. */
export function loadFixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as unknown;
}
