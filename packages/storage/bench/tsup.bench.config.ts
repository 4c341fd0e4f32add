import { defineConfig } from 'tsup';

// The benchmark is bundled from source (not shipped): run with `npm run bench`.
export default defineConfig({
  entry: { 'storage.bench': 'bench/storage.bench.ts', 'bench-worker': 'bench/bench-worker.ts' },
  outDir: 'bench/dist',
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  clean: true,
  dts: false,
  sourcemap: false,
});
