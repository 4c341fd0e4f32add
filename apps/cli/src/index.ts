import { join } from 'node:path';
import { compileCacheFlavor } from './command-names';
import { loadBundle } from './compile-cache';

declare const __GENIE_VERSION__: string;

const argv = process.argv.slice(2);

// `genie --version` answers before anything else is loaded: it is what scripts and
// shell prompts call most, and start-up time is all it costs.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${__GENIE_VERSION__}\n`);
} else {
  const bundle = join(__dirname, 'lib', 'main.js');
  const { main } = loadBundle(bundle, __GENIE_VERSION__, compileCacheFlavor(argv)) as typeof import('./main');
  void main(argv, __GENIE_VERSION__);
}
