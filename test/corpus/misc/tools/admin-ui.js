#!/usr/bin/env node
'use strict';

// Local admin console: `npx shop-admin --port 7000` opens a browser UI on
// this machine for support staff to inspect orders.
const express = require('express');
const session = require('express-session');
const open = require('open');
const { program } = require('commander');
const { Orders } = require('../lib/orders');

program.option('-p, --port <port>', 'port for the local UI', '7000').parse();
const { port } = program.opts();

const app = express();
const recentSearches = [];

app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: 'local-admin', resave: false, saveUninitialized: true }));

app.get('/', (req, res) => {
  res.send(`<form method="post" action="/search"><input name="q"></form><pre>${recentSearches.join('\n')}</pre>`);
});

app.post('/search', async (req, res) => {
  recentSearches.unshift(req.body.q);
  req.session.lastQuery = req.body.q;
  const orders = await Orders.search(req.body.q);
  res.json(orders);
});

app.listen(Number(port), '127.0.0.1', () => {
  open(`http://127.0.0.1:${port}`);
});
