const express = require('express');
const rateLimit = require('express-rate-limit');
const { exportAuditLog } = require('./audit');

const app = express();

// The export endpoint is only reachable on the internal network and the
// service runs as a single pod, so a per-process counter is the intended limit.
const exportLimiter = rateLimit({ windowMs: 60 * 60 * 1000, limit: 5 }); // structra-disable-line F-03/memory-rate-limit -- internal single-pod service, see ops/runbook.md

app.get('/internal/audit-export', exportLimiter, async (req, res, next) => {
  try {
    res.set('Content-Type', 'text/csv');
    await exportAuditLog(req.query.from, req.query.to, res);
  } catch (err) {
    next(err);
  }
});

module.exports = app;
