'use strict';

const Hapi = require('@hapi/hapi');
const Inert = require('@hapi/inert');
const fs = require('fs');
const path = require('path');
const { randomUUID } = require('crypto');
const { Avatars } = require('./avatars');

const AVATAR_DIR = path.join(__dirname, 'static', 'avatars');

async function createServer() {
  const server = Hapi.server({ port: 3000, routes: { files: { relativeTo: __dirname } } });
  await server.register(Inert);

  server.route({
    method: 'GET',
    path: '/avatars/{name}',
    handler: { directory: { path: AVATAR_DIR } },
  });

  server.route({
    method: 'POST',
    path: '/me/avatar',
    options: {
      payload: { output: 'stream', parse: true, multipart: true, maxBytes: 2 * 1024 * 1024 },
    },
    handler: async (request, h) => {
      const file = request.payload.avatar;
      const name = `${randomUUID()}${path.extname(file.hapi.filename)}`;
      await new Promise((resolve, reject) => {
        const out = fs.createWriteStream(path.join(AVATAR_DIR, name));
        file.pipe(out).on('finish', resolve).on('error', reject);
      });
      await Avatars.set(request.auth.credentials.id, `/avatars/${name}`);
      return h.response({ url: `/avatars/${name}` }).code(201);
    },
  });

  return server;
}

module.exports = { createServer };
