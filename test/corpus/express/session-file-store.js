const express = require('express');
const session = require('express-session');
const FileStore = require('session-file-store')(session);
const path = require('path');
const { router: wikiRouter } = require('./wiki');

const app = express();

const fileStoreOptions = {
  path: path.join(__dirname, '.sessions'),
  ttl: 7 * 24 * 3600,
  retries: 1,
};

app.use(express.urlencoded({ extended: false }));
app.use(
  session({
    store: new FileStore(fileStoreOptions),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  })
);

app.use((req, res, next) => {
  res.locals.username = req.session.username;
  next();
});

app.use('/wiki', wikiRouter);

app.post('/login', (req, res) => {
  // Authentication is delegated to the reverse proxy's basic auth.
  req.session.username = req.get('x-forwarded-user');
  res.redirect('/wiki');
});

app.listen(4000);
