const express = require('express');
const async = require('async');
const { renderInvoicePdf } = require('./pdf');
const { Invoice } = require('./models');
const { notifyUser } = require('./notify');

const pdfQueue = async.queue(async (task) => {
  const pdf = await renderInvoicePdf(task.invoiceId);
  await Invoice.update({ pdfKey: pdf.key }, { where: { id: task.invoiceId } });
  await notifyUser(task.userId, `Invoice ${task.invoiceId} is ready`);
}, 2);

pdfQueue.error((err, task) => {
  console.error('pdf job failed', task.invoiceId, err);
});

const router = express.Router();

router.post('/invoices/:id/pdf', async (req, res) => {
  const invoice = await Invoice.findOne({ where: { id: req.params.id, customerId: req.user.id } });
  if (!invoice) return res.sendStatus(404);
  pdfQueue.push({ invoiceId: invoice.id, userId: req.user.id });
  res.status(202).json({ position: pdfQueue.length() });
});

router.get('/invoices/pdf-queue', (req, res) => {
  res.json({ waiting: pdfQueue.length(), running: pdfQueue.running() });
});

module.exports = router;
