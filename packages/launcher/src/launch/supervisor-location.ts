import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GenieError } from '@genie/errors';

const PACKAGE_NAME = '@genie/launcher';
let cached: string | undefined;

/**
 * The built supervisor entry (`<launcher package>/dist/supervisor-main.js`). Found by
 * walking up from this module (works from src under jest and from dist), else, when an
 * app bundles the launcher into its own file, in a `node_modules` above the bundle and
 * last through module resolution.
 */
export function supervisorMainPath(): string {
  if (cached) return cached;
  const root = packageRootAbove(__dirname) ?? packageRootInNodeModules(__dirname) ?? packageRootByResolution();
  const entry = root ? join(root, 'dist', 'supervisor-main.js') : undefined;
  if (!entry || !existsSync(entry)) {
    throw new GenieError('LAUNCH_FAILED', 'The genie supervisor (dist/supervisor-main.js of @genie/launcher) was not found.', {
      hint: 'Build the launcher package (`npx tsup` in packages/launcher) or reinstall genie.',
      details: { searchedFrom: __dirname },
    });
  }
  cached = entry;
  return entry;
}

function packageRootAbove(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Where node would find the package from `start` in a plain node_modules layout, looked
 * up with a few stats: node's resolver goes through the package's `exports` map, whose
 * first use loads node's ESM resolver (~2.5 ms of a `genie run`).
 */
function packageRootInNodeModules(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'node_modules', ...PACKAGE_NAME.split('/'));
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function packageRootByResolution(): string | undefined {
  try {
    // Required only here: from its own dist the launcher finds its root without node:module.
    const { createRequire } = require('node:module') as typeof import('node:module');
    const requireHere = createRequire(join(__dirname, 'noop.js'));
    return dirname(requireHere.resolve(`${PACKAGE_NAME}/package.json`));
  } catch {
    return undefined;
  }
}

function readPackageName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
