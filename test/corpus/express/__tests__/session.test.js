const request = require('supertest');
const express = require('express');
const session = require('express-session');
const rateLimit = require('express-rate-limit');

const signedIn = new Map();

function buildApp() {
  const app = express();
  app.use(express.json());
  app.use(session({ secret: 'test', resave: false, saveUninitialized: false, store: new session.MemoryStore() }));
  app.use(rateLimit({ windowMs: 1000, limit: 3 }));
  app.post('/login', (req, res) => {
    req.session.userId = req.body.userId;
    signedIn.set(req.body.userId, Date.now());
    res.sendStatus(204);
  });
  app.get('/me', (req, res) => res.json({ userId: req.session.userId || null }));
  return app;
}

describe('session login', () => {
  it('keeps the user id across requests', async () => {
    const agent = request.agent(buildApp());
    await agent.post('/login').send({ userId: 'u1' }).expect(204);
    const res = await agent.get('/me').expect(200);
    expect(res.body.userId).toBe('u1');
    expect(signedIn.has('u1')).toBe(true);
  });

  it('rate limits the fourth request', async () => {
    const agent = request.agent(buildApp());
    for (let i = 0; i < 3; i++) await agent.get('/me').expect(200);
    await agent.get('/me').expect(429);
  });
});
