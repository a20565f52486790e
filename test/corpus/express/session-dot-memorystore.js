const express = require('express');
const session = require('express-session');
const csrf = require('csurf');
const path = require('path');

const app = express();

app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
app.use(express.urlencoded({ extended: true }));
app.use(express.static(path.join(__dirname, 'public')));

app.use(
  session({
    secret: process.env.COOKIE_SECRET,
    store: new session.MemoryStore(),
    resave: false,
    saveUninitialized: false,
  })
);
app.use(csrf());

app.get('/', (req, res) => {
  res.render('index', { user: req.session.user, csrfToken: req.csrfToken() });
});

app.post('/preferences', (req, res) => {
  req.session.theme = req.body.theme === 'dark' ? 'dark' : 'light';
  res.redirect('/');
});

app.post('/signout', (req, res) => {
  req.session.destroy(() => res.redirect('/'));
});

module.exports = app;
