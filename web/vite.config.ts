import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiProxy = { '/api': 'http://localhost:3000' };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's Content-Security-Policy (default-src 'self') forbids data: URIs.
    assetsInlineLimit: 0,
    // The server finds the portal's bundle (a separate entry, no React) in the manifest.
    manifest: true,
    rollupOptions: {
      input: {
        staff: fileURLToPath(new URL('index.html', import.meta.url)),
        portal: fileURLToPath(new URL('src/portal/portal-main.ts', import.meta.url)),
      },
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
