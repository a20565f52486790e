const express = require('express');
const { auth, requiresAuth } = require('express-openid-connect');
const { MemoryStore } = require('express-session');
const { fetchInvoices } = require('./billing');

const app = express();

// The ID token plus the access and refresh tokens are too large for one
// cookie, so sessions are kept server-side.
app.use(
  auth({
    issuerBaseURL: process.env.ISSUER_BASE_URL,
    baseURL: process.env.BASE_URL,
    clientID: process.env.CLIENT_ID,
    clientSecret: process.env.CLIENT_SECRET,
    secret: process.env.SESSION_SECRET,
    authorizationParams: {
      response_type: 'code',
      scope: 'openid profile email offline_access read:invoices',
    },
    session: {
      rolling: true,
      absoluteDuration: 24 * 60 * 60,
      store: new MemoryStore(),
    },
  })
);

app.get('/invoices', requiresAuth(), async (req, res, next) => {
  try {
    let { access_token: accessToken, isExpired, refresh } = req.oidc.accessToken;
    if (isExpired()) {
      ({ access_token: accessToken } = await refresh());
    }
    res.json(await fetchInvoices(accessToken));
  } catch (err) {
    next(err);
  }
});

app.get('/me', requiresAuth(), (req, res) => {
  res.json(req.oidc.user);
});

module.exports = app;
