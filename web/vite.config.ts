import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web UI: built into dist/web and served by the Fastify server. Every page is its own chunk
 * (React.lazy); React, antd and the icons are split into their own vendor chunks so the browser
 * caches them across releases and no single file grows past ~1 MB.
 */
export default defineConfig({
  root,
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The one big chunk is antd itself (~1.0 MB, ~330 kB gzipped), shared by every page; warn only
    // from 1.5 MB, the limit the foundation set for any single bundle.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/,
              priority: 40,
            },
            { name: 'icons', test: /[\\/]node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/, priority: 30 },
            {
              name: 'antd',
              test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs|classnames|clsx|compute-scroll-into-view|scroll-into-view-if-needed|throttle-debounce|stylis|@babel[\\/]runtime)[\\/]/,
              priority: 20,
            },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
