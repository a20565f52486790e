const express = require('express');
const fs = require('fs');
const path = require('path');

const LOCALES_DIR = path.join(__dirname, 'locales');

// Read once at start-up; handlers only look messages up.
const messages = {};
for (const file of fs.readdirSync(LOCALES_DIR)) {
  if (!file.endsWith('.json')) continue;
  messages[path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, file), 'utf8'));
}

function pickLocale(req) {
  const requested = req.acceptsLanguages(...Object.keys(messages));
  return requested || 'en';
}

const router = express.Router();

router.get('/i18n/:namespace', (req, res) => {
  const locale = pickLocale(req);
  const bundle = messages[locale][req.params.namespace];
  if (!bundle) return res.status(404).json({ error: 'unknown namespace' });
  res.set('Content-Language', locale);
  res.set('Cache-Control', 'public, max-age=3600');
  res.json(bundle);
});

router.get('/i18n', (req, res) => {
  res.json({ locales: Object.keys(messages), selected: pickLocale(req) });
});

module.exports = router;
