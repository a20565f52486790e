import express, { type Request, type Response } from 'express';
import session, { type SessionOptions } from 'express-session';
import helmet from 'helmet';
import { loadConfig } from './config.js';
import { billingRouter } from './routes/billing.js';

declare module 'express-session' {
  interface SessionData {
    accountId: string;
    csrfToken: string;
  }
}

const config = loadConfig();
const app = express();

app.use(helmet());
app.use(express.json({ limit: '100kb' }));

const sessionConfig: SessionOptions = {
  name: 'acct.sid',
  secret: config.sessionSecrets,
  resave: false,
  saveUninitialized: false,
  rolling: true,
  cookie: {
    httpOnly: true,
    secure: config.env === 'production',
    maxAge: 30 * 60 * 1000,
  },
};

if (config.env === 'production') {
  app.set('trust proxy', 1);
}

app.use(session(sessionConfig));

app.get('/healthz', (_req: Request, res: Response) => {
  res.json({ ok: true });
});

app.get('/account', (req: Request, res: Response) => {
  if (!req.session.accountId) {
    res.status(401).end();
    return;
  }
  res.json({ accountId: req.session.accountId });
});

app.use('/billing', billingRouter);

export default app;
