import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    worklet: 'src/worklet.ts',
    node: 'src/node.ts',
    sidplayfp: 'src/sidplayfp.ts',
    stream: 'src/stream.ts',
    ultimate64: 'src/ultimate64.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
