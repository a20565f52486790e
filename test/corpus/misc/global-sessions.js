const http = require('http');
const { URL } = require('url');
const crypto = require('crypto');
const { checkLogin } = require('./accounts');

global.activeSessions = new Map();

function readJson(req) {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(raw || '{}'));
      } catch (err) {
        reject(err);
      }
    });
  });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/login') {
    const body = await readJson(req);
    const account = await checkLogin(body.username, body.password);
    if (!account) {
      res.writeHead(401).end();
      return;
    }
    const sid = crypto.randomUUID();
    global.activeSessions.set(sid, { accountId: account.id, since: Date.now() });
    res.writeHead(200, { 'Set-Cookie': `sid=${sid}; HttpOnly; Path=/` }).end();
    return;
  }
  const sid = /sid=([\w-]+)/.exec(req.headers.cookie || '')?.[1];
  const session = sid && global.activeSessions.get(sid);
  res.writeHead(session ? 200 : 401, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(session || { error: 'not signed in' }));
});

server.listen(3000);
