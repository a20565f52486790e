'use strict';

const Boom = require('@hapi/boom');
const Joi = require('joi');
const crypto = require('crypto');
const { Users } = require('./users');
const { mailer } = require('./mailer');

const resetTokens = {};
const RESET_TTL_MS = 30 * 60 * 1000;

module.exports = {
  name: 'password-reset',
  register(server) {
    server.route({
      method: 'POST',
      path: '/password/forgot',
      options: { auth: false, validate: { payload: Joi.object({ email: Joi.string().email() }) } },
      handler: async (request, h) => {
        const user = await Users.byEmail(request.payload.email);
        if (user) {
          const token = crypto.randomBytes(32).toString('hex');
          resetTokens[token] = { userId: user.id, expiresAt: Date.now() + RESET_TTL_MS };
          await mailer.send(user.email, 'reset-password', { token });
        }
        return h.response().code(202);
      },
    });

    server.route({
      method: 'POST',
      path: '/password/reset',
      options: { auth: false },
      handler: async (request, h) => {
        const entry = resetTokens[request.payload.token];
        if (!entry || entry.expiresAt < Date.now()) {
          throw Boom.badRequest('reset link is invalid or has expired');
        }
        delete resetTokens[request.payload.token];
        await Users.setPassword(entry.userId, request.payload.password);
        return h.response().code(204);
      },
    });
  },
};
