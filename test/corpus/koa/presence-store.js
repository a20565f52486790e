'use strict';

// userId -> { status, lastSeen }
const onlineUsers = new Map();

const STALE_AFTER_MS = 2 * 60 * 1000;

function listOnline(userIds) {
  const cutoff = Date.now() - STALE_AFTER_MS;
  return userIds
    .map((id) => ({ id, entry: onlineUsers.get(id) }))
    .filter(({ entry }) => entry && entry.lastSeen > cutoff)
    .map(({ id, entry }) => ({ id, status: entry.status }));
}

module.exports = { onlineUsers, listOnline };
