const Koa = require('koa');
const Router = require('@koa/router');
const serve = require('koa-static');
const formidable = require('formidable');
const path = require('path');
const { Document } = require('./models');

const UPLOAD_DIR = path.join(__dirname, 'public', 'uploads');
const app = new Koa();
const router = new Router();

router.post('/documents', async (ctx) => {
  const form = formidable({
    uploadDir: UPLOAD_DIR,
    keepExtensions: true,
    maxFileSize: 25 * 1024 * 1024,
  });
  const [fields, files] = await form.parse(ctx.req);
  const file = files.document && files.document[0];
  ctx.assert(file, 400, 'document is required');

  const doc = await Document.create({
    ownerId: ctx.state.user.id,
    title: fields.title ? fields.title[0] : file.originalFilename,
    path: `/uploads/${path.basename(file.filepath)}`,
  });
  ctx.status = 201;
  ctx.body = doc;
});

app.use(serve(path.join(__dirname, 'public')));
app.use(router.routes());
module.exports = app;
