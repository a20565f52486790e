const express = require('express');
const { Application } = require('./models');

const STEPS = ['personal', 'address', 'employment', 'review'];

function createOnboardingRouter({ requireUser }) {
  const router = express.Router();
  const wizards = new Map();

  router.use(requireUser);

  router.get('/onboarding', (req, res) => {
    const state = wizards.get(req.user.id) || { step: 0, answers: {} };
    res.json({ step: STEPS[state.step], answers: state.answers });
  });

  router.post('/onboarding/:step', (req, res) => {
    const state = wizards.get(req.user.id) || { step: 0, answers: {} };
    if (req.params.step !== STEPS[state.step]) {
      return res.status(409).json({ error: `expected step ${STEPS[state.step]}` });
    }
    state.answers[req.params.step] = req.body;
    state.step += 1;
    wizards.set(req.user.id, state);
    res.json({ next: STEPS[state.step] || null });
  });

  router.post('/onboarding/submit', async (req, res) => {
    const state = wizards.get(req.user.id);
    if (!state || state.step < STEPS.length) {
      return res.status(409).json({ error: 'onboarding is not complete' });
    }
    await Application.create({ userId: req.user.id, answers: state.answers });
    wizards.delete(req.user.id);
    res.status(201).end();
  });

  return router;
}

module.exports = { createOnboardingRouter };
