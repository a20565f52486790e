'use strict';

const express = require('express');
const session = require('express-session');
const MemoryStore = require('memorystore')(session);
const morgan = require('morgan');
const routes = require('./routes');

const app = express();
const ONE_DAY = 24 * 60 * 60 * 1000;

app.use(morgan('combined'));
app.use(express.json());

// memorystore prunes expired entries, unlike the default store
app.use(
  session({
    store: new MemoryStore({ checkPeriod: ONE_DAY }),
    secret: process.env.SESSION_SECRET || 'keyboard cat',
    resave: false,
    saveUninitialized: true,
    cookie: { maxAge: ONE_DAY },
  })
);

app.use((req, res, next) => {
  req.session.views = (req.session.views || 0) + 1;
  next();
});

app.use('/api', routes);

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

const port = process.env.PORT || 8080;
app.listen(port, () => console.log(`listening on ${port}`));
