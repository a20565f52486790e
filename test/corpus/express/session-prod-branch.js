const express = require('express');
const session = require('express-session');
const pgSession = require('connect-pg-simple')(session);
const { pool } = require('./db');
const apiRouter = require('./api');

const app = express();

const sess = {
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: {},
};

// Local development runs a single process, so the default store is enough
// there; every deployed environment keeps sessions in Postgres.
if (app.get('env') === 'production') {
  app.set('trust proxy', 1);
  sess.cookie.secure = true;
  sess.store = new pgSession({ pool, tableName: 'user_sessions' });
}

app.use(session(sess));
app.use(express.json());
app.use('/api', apiRouter);

app.get('/whoami', (req, res) => {
  res.json({ userId: req.session.userId || null });
});

module.exports = app;
