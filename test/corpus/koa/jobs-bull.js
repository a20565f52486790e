const Router = require('@koa/router');
const Queue = require('bull');
const { Reports } = require('./reports');

const reportQueue = new Queue('reports', process.env.REDIS_URL, {
  defaultJobOptions: { attempts: 3, removeOnComplete: 100 },
});

const router = new Router({ prefix: '/reports' });

router.post('/', async (ctx) => {
  const report = await Reports.create({ ownerId: ctx.state.user.id, params: ctx.request.body });
  await reportQueue.add({ reportId: report.id, ownerId: ctx.state.user.id }, { jobId: report.id });
  ctx.status = 202;
  ctx.body = { id: report.id, status: 'queued' };
});

router.get('/:id', async (ctx) => {
  const report = await Reports.findForOwner(ctx.params.id, ctx.state.user.id);
  ctx.assert(report, 404);
  const job = await reportQueue.getJob(report.id);
  ctx.body = { ...report, status: job ? await job.getState() : report.status };
});

module.exports = router;
