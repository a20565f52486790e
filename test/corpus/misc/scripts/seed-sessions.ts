import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { faker } from '@faker-js/faker';

// Generates fake session fixtures for load tests: `npx tsx scripts/seed-sessions.ts 500`.
const count = Number(process.argv[2] ?? 100);
const sessions = new Map<string, { userId: string; cart: string[] }>();
let currentUser: string | undefined;

for (let i = 0; i < count; i++) {
  currentUser = randomUUID();
  sessions.set(randomUUID(), {
    userId: currentUser,
    cart: Array.from({ length: faker.number.int({ min: 0, max: 5 }) }, () => faker.commerce.isbn()),
  });
}

await writeFile('load-test/sessions.json', JSON.stringify(Object.fromEntries(sessions), null, 2));
console.log(`wrote ${sessions.size} sessions, last user ${currentUser}`);
