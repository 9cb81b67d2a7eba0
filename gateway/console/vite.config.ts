import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway at `/` from gateway/console/dist; everything is bundled (no CDN): the
// console must work on networks without internet. GraphiQL (with Monaco) and exceljs are
// loaded on demand as separate chunks, so the dashboard's first load stays small.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Monaco alone is ~3 MB minified; it loads only when the explorer is opened.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // GraphiQL's modules start with React Compiler's "use no memo"; bundling drops it harmlessly.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/console/': 'http://127.0.0.1:4000' },
  },
});
