import Hapi from '@hapi/hapi';
import Jwt from '@hapi/jwt';
import { listTickets, createTicket } from './tickets.js';

const ROLE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  agent: ['tickets:read', 'tickets:write'],
  customer: ['tickets:read:own', 'tickets:write:own'],
  auditor: ['tickets:read'],
};

export async function init() {
  const server = Hapi.server({ port: 3000 });
  await server.register(Jwt);

  server.auth.strategy('token', 'jwt', {
    keys: { uri: process.env.JWKS_URI },
    verify: { aud: 'support-api', iss: 'https://id.example.test/', sub: false, maxAgeSec: 900 },
    validate: (artifacts: { decoded: { payload: { sub: string; role: string } } }) => {
      const { sub, role } = artifacts.decoded.payload;
      return { isValid: role in ROLE_SCOPES, credentials: { id: sub, scope: ROLE_SCOPES[role] } };
    },
  });
  server.auth.default('token');

  server.route([
    {
      method: 'GET',
      path: '/tickets',
      handler: (request) => listTickets(request.auth.credentials.id as string),
    },
    {
      method: 'POST',
      path: '/tickets',
      handler: async (request, h) => {
        const ticket = await createTicket(request.auth.credentials.id as string, request.payload);
        return h.response(ticket).code(201);
      },
    },
  ]);

  await server.start();
  return server;
}
