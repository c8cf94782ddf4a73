// The operator console's build: static files for the gateway to serve at /console.
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  // The libraries' browser-safe files the console imports (each also in tsconfig.json's paths and jest's moduleNameMapper).
  resolve: { alias: { '@tenantry/health-api/offboarding-reasons': join(import.meta.dirname, '../../libs/health-api/src/offboarding-reasons.ts') } },
  build: { outDir: process.env['CONSOLE_OUT_DIR'] ?? '../../dist/console', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': process.env['CONSOLE_API'] ?? 'http://127.0.0.1:3000' } },
});
