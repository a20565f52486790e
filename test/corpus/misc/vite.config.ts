import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Dev-server mock of the login API so the front end runs without a backend.
function mockAuth(): Plugin {
  const mockSessions = new Map<string, { email: string }>();
  return {
    name: 'mock-auth',
    configureServer(server) {
      server.middlewares.use('/api/login', (req, res) => {
        const sid = Math.random().toString(36).slice(2);
        mockSessions.set(sid, { email: 'dev@example.test' });
        res.setHeader('Set-Cookie', `sid=${sid}; Path=/`);
        res.end(JSON.stringify({ ok: true }));
      });
      server.middlewares.use('/api/me', (req, res) => {
        const sid = /sid=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
        res.end(JSON.stringify(mockSessions.get(sid) ?? null));
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), mockAuth()],
  server: { port: 5173 },
});
