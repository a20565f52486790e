import express from 'express';
import bcrypt from 'bcrypt';
import { prisma } from './db.js';

export const adminAuthRouter = express.Router();

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

// structra-disable-next-line F-03/module-state-store -- back-office runs as one replica (deploy/admin.yaml pins replicas: 1) and a restart clearing locks is acceptable
const failedLogins = new Map<string, { count: number; lockedUntil: number }>();

adminAuthRouter.post('/admin/login', async (req, res) => {
  const email = String(req.body.email ?? '').toLowerCase();
  const record = failedLogins.get(email);
  if (record && record.lockedUntil > Date.now()) {
    res.status(423).json({ error: 'account temporarily locked' });
    return;
  }

  const admin = await prisma.admin.findUnique({ where: { email } });
  const ok = admin !== null && (await bcrypt.compare(String(req.body.password), admin.hash));
  if (!ok) {
    const count = (record?.count ?? 0) + 1;
    failedLogins.set(email, {
      count,
      lockedUntil: count >= MAX_FAILURES ? Date.now() + LOCK_MS : 0,
    });
    res.status(401).json({ error: 'invalid credentials' });
    return;
  }

  failedLogins.delete(email);
  req.session.adminId = admin.id;
  res.json({ ok: true });
});
