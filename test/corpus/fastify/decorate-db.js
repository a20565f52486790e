'use strict';

const fp = require('fastify-plugin');
const { Pool } = require('pg');

async function dbPlugin(fastify, opts) {
  const pool = new Pool({ connectionString: opts.databaseUrl, max: 10 });
  fastify.decorate('db', pool);
  fastify.decorate('config', Object.freeze({ pageSize: 25, region: opts.region }));
  fastify.decorateRequest('account', null);

  fastify.addHook('preHandler', async (request) => {
    const apiKey = request.headers['x-api-key'];
    if (!apiKey) return;
    const { rows } = await pool.query('select id, plan from accounts where api_key = $1', [apiKey]);
    request.account = rows[0] || null;
  });

  fastify.addHook('onClose', async () => {
    await pool.end();
  });
}

async function routes(fastify) {
  fastify.get('/projects', async (request, reply) => {
    if (!request.account) return reply.code(401).send();
    const { rows } = await fastify.db.query(
      'select id, name from projects where account_id = $1 order by id limit $2',
      [request.account.id, fastify.config.pageSize]
    );
    return rows;
  });
}

module.exports = { dbPlugin: fp(dbPlugin), routes };
