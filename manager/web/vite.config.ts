import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The bundle goes into the manager's jar (target/classes), served by dev.bulwark.manager.ManagerServer.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: '../target/classes/dev/bulwark/manager/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
  },
});
