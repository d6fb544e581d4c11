import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server forwards API calls to the Node server, so the browser sees one origin and the
// session cookie works exactly as in production (where the server also serves this build).
const apiUrl = process.env.LEADPILOT_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': { target: apiUrl, ws: true },
      // Kommo's OAuth callback, when APP_URL points at this dev server
      '/oauth': { target: apiUrl },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React and the router change least often: their own long-cached chunk. Mantine stays
        // split per component, so pages load only the components they use.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
