'use strict';

const Router = require('@koa/router');
const { onlineUsers, listOnline } = require('./presence-store');
const { teamMemberIds } = require('./teams');

const router = new Router({ prefix: '/presence' });

router.put('/', async (ctx) => {
  const status = ['online', 'away', 'busy'].includes(ctx.request.body.status)
    ? ctx.request.body.status
    : 'online';
  onlineUsers.set(ctx.state.user.id, { status, lastSeen: Date.now() });
  ctx.status = 204;
});

router.delete('/', async (ctx) => {
  onlineUsers.delete(ctx.state.user.id);
  ctx.status = 204;
});

router.get('/team/:teamId', async (ctx) => {
  const ids = await teamMemberIds(ctx.params.teamId);
  ctx.body = listOnline(ids);
});

module.exports = router;
