const express = require('express');
const multer = require('multer');
const os = require('os');
const fs = require('fs/promises');
const { parse } = require('csv-parse/sync');
const { Contact } = require('./models');

const router = express.Router();

// Spools to the OS temp dir; the file is parsed and removed before the response.
const upload = multer({ dest: os.tmpdir(), limits: { fileSize: 2 * 1024 * 1024 } });

router.post('/contacts/import', upload.single('csv'), async (req, res, next) => {
  if (!req.file) return res.status(400).json({ error: 'csv file is required' });
  try {
    const rows = parse(await fs.readFile(req.file.path), { columns: true, skip_empty_lines: true });
    const contacts = rows
      .filter((r) => r.email)
      .map((r) => ({ ownerId: req.user.id, email: r.email.trim(), name: r.name || null }));
    await Contact.bulkCreate(contacts, { ignoreDuplicates: true });
    res.json({ imported: contacts.length, skipped: rows.length - contacts.length });
  } catch (err) {
    next(err);
  } finally {
    await fs.unlink(req.file.path).catch(() => {});
  }
});

module.exports = router;
