import Fastify from 'fastify';
import NodeCache from '@cacheable/node-cache';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// Flags are the same for every user and are re-read from Postgres every 30 s.
const flagCache = new NodeCache({ stdTTL: 60, useClones: false });

async function refreshFlags(): Promise<void> {
  const { rows } = await pool.query<{ name: string; enabled: boolean; rollout: number }>(
    'select name, enabled, rollout from feature_flags',
  );
  for (const row of rows) {
    flagCache.set(row.name, row);
  }
}

const app = Fastify({ logger: true });

app.addHook('onReady', refreshFlags);
const timer = setInterval(() => {
  refreshFlags().catch((err) => app.log.error({ err }, 'flag refresh failed'));
}, 30_000);
app.addHook('onClose', async () => clearInterval(timer));

app.get<{ Params: { name: string } }>('/flags/:name', async (request, reply) => {
  const flag = flagCache.get<{ enabled: boolean; rollout: number }>(request.params.name);
  if (!flag) {
    return reply.code(404).send({ error: 'unknown flag' });
  }
  return { enabled: flag.enabled, rollout: flag.rollout };
});

export default app;
