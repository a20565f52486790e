const express = require('express');
const { requireUser } = require('./middleware/auth');
const { Team } = require('./models');

const app = express();
app.set('trust proxy', 1);
app.set('json spaces', 2);
app.set('onlineUsers', new Map());

app.use(requireUser);

// Heartbeat sent by the web client every 30 seconds.
app.post('/presence/heartbeat', (req, res) => {
  app.get('onlineUsers').set(req.user.id, { at: Date.now(), page: req.body.page });
  res.sendStatus(204);
});

app.get('/teams/:teamId/online', async (req, res) => {
  const team = await Team.findByPk(req.params.teamId, { include: 'members' });
  if (!team) return res.sendStatus(404);
  const online = req.app.get('onlineUsers');
  const cutoff = Date.now() - 60 * 1000;
  res.json(
    team.members
      .filter((m) => (online.get(m.id)?.at ?? 0) > cutoff)
      .map((m) => ({ id: m.id, name: m.name, page: online.get(m.id).page }))
  );
});

module.exports = app;
