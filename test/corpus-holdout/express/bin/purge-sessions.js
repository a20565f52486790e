#!/usr/bin/env node
'use strict';

// Deletes stale rows from the sessions table; run by the nightly ops job.
const { parseArgs } = require('node:util');
const { Pool } = require('pg');

const { values } = parseArgs({
  options: {
    'older-than-days': { type: 'string', default: '30' },
    'dry-run': { type: 'boolean', default: false },
  },
});

const removedByUser = new Map();
let currentUser;

async function main() {
  const days = Number(values['older-than-days']);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`--older-than-days must be a positive integer, got ${values['older-than-days']}`);
  }
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  try {
    const { rows } = await pool.query(
      "select sid, user_id from sessions where expires_at < now() - make_interval(days => $1)",
      [days],
    );
    for (const row of rows) {
      currentUser = row.user_id;
      removedByUser.set(currentUser, (removedByUser.get(currentUser) || 0) + 1);
      if (!values['dry-run']) {
        await pool.query('delete from sessions where sid = $1', [row.sid]);
      }
    }
    global.lastPurgeSummary = { users: removedByUser.size, sessions: rows.length };
    console.log(
      `${values['dry-run'] ? 'would remove' : 'removed'} ${rows.length} sessions of ${removedByUser.size} users`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
