const express = require('express');
const path = require('path');
const { Page } = require('./models');

const app = express();
app.set('view engine', 'hbs');
app.set('views', path.join(__dirname, 'views'));

// structra-disable-next-line F-03/global-state-write
app.locals.siteTitle = process.env.SITE_TITLE || 'Handbook';
app.locals.navigation = [
  { href: '/', label: 'Home' },
  { href: '/policies', label: 'Policies' },
];

app.get('/:slug?', async (req, res) => {
  const page = await Page.findOne({ where: { slug: req.params.slug || 'home' } });
  if (!page) return res.status(404).render('missing');
  res.render('page', { page });
});

module.exports = app;
