import Router from '@koa/router';
import formidable from 'formidable';
import os from 'node:os';
import { unlink } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { importContacts } from './contacts.js';

export const importRouter = new Router();

// The CSV is parsed and deleted within this request; nothing outlives it.
importRouter.post('/contacts/import', async (ctx) => {
  const form = formidable({ uploadDir: os.tmpdir(), maxFileSize: 5 * 1024 * 1024 });
  const [, files] = await form.parse(ctx.req);
  const file = files.csv?.[0];
  ctx.assert(file, 400, 'csv file is required');

  try {
    const rows: Array<Record<string, string>> = parse(await readFile(file.filepath), {
      columns: true,
      skip_empty_lines: true,
    });
    const result = await importContacts(ctx.state.user.id, rows);
    ctx.body = { imported: result.inserted, skipped: result.skipped };
  } finally {
    await unlink(file.filepath).catch(() => undefined);
  }
});
