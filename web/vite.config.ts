/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Component tests format dates in a fixed zone so expectations do not depend
// on the machine running them. Workers inherit the variable.
process.env.TZ = 'UTC';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP is `default-src 'self'`: no inline scripts or data:
    // URLs for small assets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // Libraries change less often than the app: a separate, long-cached file.
        // libsodium (~600 KB) is loaded by dynamic import() only on the pages that seal or
        // verify bids, so it gets a chunk of its own instead of joining every page's vendor.
        manualChunks: (id) =>
          id.includes('node_modules/libsodium')
            ? 'sodium'
            : id.includes('node_modules')
              ? 'vendor'
              : undefined,
      },
    },
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
