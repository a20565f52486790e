const express = require('express');
const { auth, requiresAuth } = require('express-openid-connect');
const { getOrgMembers } = require('./org');

const app = express();

const authConfig = {
  authRequired: false,
  auth0Logout: true,
  issuerBaseURL: process.env.ISSUER_BASE_URL,
  baseURL: process.env.BASE_URL,
  clientID: process.env.CLIENT_ID,
  secret: process.env.SESSION_SECRET,
  session: {
    rollingDuration: 12 * 60 * 60,
  },
};

// Sessions stay in the encrypted appSession cookie.
app.use(auth(authConfig));

app.get('/', (req, res) => {
  res.send(req.oidc.isAuthenticated() ? 'Signed in' : 'Signed out');
});

app.get('/team', requiresAuth(), async (req, res, next) => {
  try {
    const orgId = req.oidc.user.org_id;
    const members = await getOrgMembers(orgId);
    res.json(members.map((m) => ({ name: m.name, role: m.role })));
  } catch (err) {
    next(err);
  }
});

module.exports = app;
