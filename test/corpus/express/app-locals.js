const express = require('express');
const path = require('path');
const { verifySessionCookie } = require('./auth');
const { Article } = require('./models');

const app = express();
app.set('view engine', 'pug');
app.set('views', path.join(__dirname, 'views'));

app.locals.siteName = 'Field Notes';
app.locals.year = new Date().getFullYear();

// Expose the signed-in user to every template.
app.use(async (req, res, next) => {
  try {
    const user = await verifySessionCookie(req.cookies && req.cookies.fn_session);
    app.locals.user = user;
    next();
  } catch (err) {
    next(err);
  }
});

app.get('/', async (req, res) => {
  const articles = await Article.findAll({ order: [['publishedAt', 'DESC']], limit: 20 });
  res.render('home', { articles });
});

app.get('/articles/:slug', async (req, res) => {
  const article = await Article.findOne({ where: { slug: req.params.slug } });
  if (!article) return res.status(404).render('not-found');
  res.render('article', { article });
});

module.exports = app;
