import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // The engine's validation only (zod + jsonata), not the package index with Node-only modules.
      '@warmflow/engine/validate': fileURLToPath(new URL('../engine/src/validate.ts', import.meta.url)),
      // JSONata with the engine's limits, for the live preview of an expression.
      '@warmflow/engine/expressions': fileURLToPath(new URL('../engine/src/expressions.ts', import.meta.url)),
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
})
