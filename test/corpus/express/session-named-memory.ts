import express from 'express';
import session, { MemoryStore } from 'express-session';
import { authRouter } from './routes/auth.js';
import { requireLogin } from './middleware/require-login.js';
import { listProjects } from './services/projects.js';

const app = express();
const store = new MemoryStore();

app.use(express.json());
app.use(
  session({
    store,
    secret: process.env.SESSION_SECRET ?? '',
    resave: false,
    saveUninitialized: false,
    cookie: { sameSite: 'strict', httpOnly: true },
  })
);

app.use('/auth', authRouter);

app.get('/projects', requireLogin, async (req, res, next) => {
  try {
    const projects = await listProjects(req.session.userId!);
    res.json(projects);
  } catch (err) {
    next(err);
  }
});

app.get('/admin/sessions', requireLogin, (req, res) => {
  store.length((err, count) => {
    if (err) {
      res.status(500).end();
      return;
    }
    res.json({ activeSessions: count });
  });
});

app.listen(3000);
