'use strict';

const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { Pool } = require('pg');

const secrets = new SecretsManagerClient({});
let pool;
let currentUserId;

async function getPool() {
  if (!pool) {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET }));
    pool = new Pool({ ...JSON.parse(SecretString), max: 2 });
  }
  return pool;
}

async function listMyInvoices() {
  const db = await getPool();
  const { rows } = await db.query(
    'select id, amount_cents, due_on from invoices where customer_id = $1 order by due_on desc',
    [currentUserId]
  );
  return rows;
}

exports.handler = async (event) => {
  currentUserId = event.requestContext.authorizer.claims.sub;
  const invoices = await listMyInvoices();
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invoices }),
  };
};
