const express = require('express');
const { requireUser } = require('./middleware/auth');
const { Subscription } = require('./models');

const PLAN_LIMITS = Object.freeze({
  free: { projects: 3, seats: 1, storageMb: 100 },
  team: { projects: 50, seats: 20, storageMb: 10000 },
  enterprise: { projects: Infinity, seats: Infinity, storageMb: Infinity },
});

const ROLE_PERMISSIONS = new Map([
  ['viewer', new Set(['project:read'])],
  ['editor', new Set(['project:read', 'project:write'])],
  ['owner', new Set(['project:read', 'project:write', 'billing:manage'])],
]);

const routeIndex = new Map();
const router = express.Router();

function route(name, method, path, handler) {
  routeIndex.set(name, { method, path });
  router[method](path, requireUser, handler);
}

route('plan.get', 'get', '/plan', async (req, res) => {
  const sub = await Subscription.findOne({ where: { accountId: req.user.accountId } });
  const plan = sub ? sub.plan : 'free';
  res.json({ plan, limits: PLAN_LIMITS[plan] });
});

route('permissions.get', 'get', '/permissions', (req, res) => {
  const permissions = ROLE_PERMISSIONS.get(req.user.role) || new Set();
  res.json([...permissions]);
});

route('routes.list', 'get', '/_routes', (req, res) => {
  res.json(Object.fromEntries(routeIndex));
});

module.exports = { router, PLAN_LIMITS };
