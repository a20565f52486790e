const express = require('express');
const fileUpload = require('express-fileupload');
const path = require('path');
const { v4: uuid } = require('uuid');
const { Receipt } = require('./models');

const app = express();
const RECEIPTS_DIR = path.join(__dirname, 'storage', 'receipts');

app.use(fileUpload({ limits: { fileSize: 8 * 1024 * 1024 }, abortOnLimit: true }));

app.post('/expenses/:id/receipt', async (req, res) => {
  const file = req.files && req.files.receipt;
  if (!file) {
    return res.status(400).send('No receipt was uploaded.');
  }
  const storedName = `${uuid()}${path.extname(file.name)}`;
  const target = path.join(RECEIPTS_DIR, storedName);

  file.mv(target, async (err) => {
    if (err) return res.status(500).send(err.message);
    await Receipt.create({ expenseId: req.params.id, file: storedName, mime: file.mimetype });
    res.status(201).json({ file: storedName });
  });
});

app.get('/expenses/:id/receipt', async (req, res) => {
  const receipt = await Receipt.findOne({ where: { expenseId: req.params.id } });
  if (!receipt) return res.sendStatus(404);
  res.sendFile(path.join(RECEIPTS_DIR, receipt.file));
});

module.exports = app;
