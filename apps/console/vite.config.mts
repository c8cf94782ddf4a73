// The operator console's build: static files for the gateway to serve at /console.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: { outDir: process.env['CONSOLE_OUT_DIR'] ?? '../../dist/console', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': process.env['CONSOLE_API'] ?? 'http://127.0.0.1:3000' } },
});
