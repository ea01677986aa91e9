import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // The designer's large libraries in chunks of their own: each stays under Vite's 500 kB
        // warning, and one that did not change stays cached when the designer's own code does.
        // React goes first into a chunk of its own, so the designer's groups never pull it (and
        // with it every page) into theirs.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/,
              priority: 40,
            },
            { name: 'canvas', test: /node_modules[\\/]@xyflow[\\/]/, priority: 30 },
            { name: 'schemas', test: /node_modules[\\/]zod[\\/]/, priority: 20 },
            { name: 'formulas', test: /node_modules[\\/](jsonata|re2js)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
})
