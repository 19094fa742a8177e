import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The renderer, built to plain files that Electron's app:// protocol and the
// browser-mode host both serve. base './' keeps asset paths relative.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  // Always React's production build, whatever NODE_ENV the shell (or Vitest, when a test builds) has set:
  // the app, the tests and the benchmarks must all run what a person runs.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // A desktop app loads its bundle from disk; one chunk is fine.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onLog(level, log, handler) {
        // @tiptap/react marks itself "use client" for React Server Components, which Dateline does not use.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
