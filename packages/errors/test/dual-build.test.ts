import { execFileSync } from 'node:child_process';
import path from 'node:path';

const dist = path.join(__dirname, '..', 'dist');

/**
 * An ESM program that loads the ESM build by import and the CommonJS build by require,
 * as happens when an ESM app uses a CommonJS library that depends on @genie/errors.
 */
const PROGRAM = `
import { createRequire } from 'node:module';
const esm = await import(${JSON.stringify(path.join(dist, 'index.mjs'))});
const cjs = createRequire(import.meta.url)(${JSON.stringify(path.join(dist, 'index.js'))});
const fromEsm = new esm.GenieError('SESSION_NOT_FOUND', 'esm');
const fromCjs = new cjs.GenieError('STORE_CORRUPT', 'cjs');
console.log(JSON.stringify({
  distinctClasses: esm.GenieError !== cjs.GenieError,
  cjsSeesEsm: cjs.isGenieError(fromEsm),
  cjsSeesEsmCode: cjs.isGenieError(fromEsm, 'SESSION_NOT_FOUND'),
  esmSeesCjs: esm.isGenieError(fromCjs, 'STORE_CORRUPT'),
  cjsInstanceofEsm: fromCjs instanceof esm.GenieError,
  esmInstanceofCjs: fromEsm instanceof cjs.GenieError,
  plainError: cjs.isGenieError(new Error('x')) || esm.isGenieError(new Error('x')) || new Error('x') instanceof cjs.GenieError,
  lookalike: cjs.isGenieError({ name: 'GenieError', code: 'STORE_CORRUPT', message: 'x' }),
}));
`;

describe('GenieError across the CommonJS and ESM builds', () => {
  it('is recognised by either build, whichever build created it', () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', PROGRAM], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      distinctClasses: true,
      cjsSeesEsm: true,
      cjsSeesEsmCode: true,
      esmSeesCjs: true,
      cjsInstanceofEsm: true,
      esmInstanceofCjs: true,
      plainError: false,
      lookalike: false,
    });
  });
});
