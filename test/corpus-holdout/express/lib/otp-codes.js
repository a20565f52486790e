const crypto = require('node:crypto');

const CODE_TTL_MS = 5 * 60 * 1000;
const MAX_TRIES = 5;

// email -> { hash, expiresAt, tries }
const pendingCodes = new Map();

function hashCode(code) {
  return crypto.createHash('sha256').update(code).digest('hex');
}

function issueLoginCode(email) {
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  pendingCodes.set(email.toLowerCase(), {
    hash: hashCode(code),
    expiresAt: Date.now() + CODE_TTL_MS,
    tries: 0,
  });
  return code;
}

function redeemLoginCode(email, code) {
  const key = email.toLowerCase();
  const entry = pendingCodes.get(key);
  if (!entry || entry.expiresAt < Date.now()) {
    pendingCodes.delete(key);
    return false;
  }
  entry.tries += 1;
  if (entry.tries > MAX_TRIES) {
    pendingCodes.delete(key);
    return false;
  }
  const matches = crypto.timingSafeEqual(
    Buffer.from(entry.hash),
    Buffer.from(hashCode(String(code))),
  );
  if (matches) pendingCodes.delete(key);
  return matches;
}

setInterval(() => {
  const now = Date.now();
  for (const [key, entry] of pendingCodes) {
    if (entry.expiresAt < now) pendingCodes.delete(key);
  }
}, 60_000).unref();

module.exports = { issueLoginCode, redeemLoginCode, CODE_TTL_MS };
