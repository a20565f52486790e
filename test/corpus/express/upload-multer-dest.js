const express = require('express');
const multer = require('multer');
const path = require('path');
const { Attachment } = require('./models');

const app = express();

const upload = multer({
  dest: 'uploads/',
  limits: { fileSize: 10 * 1024 * 1024 },
});

app.use('/files', express.static(path.join(__dirname, 'uploads')));

app.post('/tickets/:ticketId/attachments', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'file is required' });
  const attachment = await Attachment.create({
    ticketId: req.params.ticketId,
    uploadedBy: req.user.id,
    originalName: req.file.originalname,
    storedName: req.file.filename,
    size: req.file.size,
  });
  res.status(201).json({ id: attachment.id, url: `/files/${req.file.filename}` });
});

app.get('/tickets/:ticketId/attachments', async (req, res) => {
  const rows = await Attachment.findAll({ where: { ticketId: req.params.ticketId } });
  res.json(rows.map((a) => ({ id: a.id, name: a.originalName, url: `/files/${a.storedName}` })));
});

module.exports = app;
