import { defineConfig } from 'vite';

// The graph benchmark's page (bench/run console-graph), built by `npm run bench:graph` from manager/web into
// manager/target/graph-bench: next to the manager's classes, never into its jar.
export default defineConfig({
  root: 'bench',
  base: './',
  build: {
    outDir: '../../target/graph-bench',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: { input: 'bench/graph.html' },
  },
});
