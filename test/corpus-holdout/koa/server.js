const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const session = require('koa-generic-session');
const async = require('async');
const { renderInvoicePdf, emailInvoice } = require('./invoices');
const { verifyCustomer } = require('./customers');

const TWELVE_HOURS_MS = 12 * 60 * 60 * 1000;

const app = new Koa();
app.keys = [process.env.COOKIE_KEY, process.env.COOKIE_KEY_PREVIOUS].filter(Boolean);
app.proxy = true;

app.use(session({
  key: 'billing.sid',
  prefix: 'billing:',
  ttl: TWELVE_HOURS_MS,
  cookie: { httpOnly: true, signed: true, maxAge: TWELVE_HOURS_MS },
}));

// Two renders at a time, so a burst of requests cannot starve the event loop.
const invoiceMailQueue = async.queue(async (task) => {
  const pdf = await renderInvoicePdf(task.invoiceId);
  await emailInvoice(task.email, pdf);
}, 2);

invoiceMailQueue.error((err, task) => {
  console.error(`invoice mail ${task.invoiceId} for ${task.customerId} failed`, err);
});

const router = new Router();

router.post('/login', async (ctx) => {
  const customer = await verifyCustomer(ctx.request.body.email, ctx.request.body.password);
  if (!customer) ctx.throw(401, 'invalid email or password');
  ctx.session.customerId = customer.id;
  ctx.session.email = customer.email;
  ctx.body = { id: customer.id };
});

router.post('/invoices/:id/email', async (ctx) => {
  if (!ctx.session.customerId) ctx.throw(401, 'sign in first');
  invoiceMailQueue.push({
    invoiceId: ctx.params.id,
    email: ctx.session.email,
    customerId: ctx.session.customerId,
  });
  ctx.status = 202;
  ctx.body = { queued: invoiceMailQueue.length() };
});

app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

module.exports = app;
