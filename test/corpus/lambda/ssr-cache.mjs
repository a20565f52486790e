import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { renderPage } from './render.mjs';

const s3 = new S3Client({});
const TEMPLATE_BUCKET = process.env.TEMPLATE_BUCKET;

// Compiled public page templates, identical for every visitor. A cold start
// just reloads them from S3.
const templates = new Map();
const MAX_TEMPLATES = 50;

async function loadTemplate(name) {
  if (templates.has(name)) return templates.get(name);
  const obj = await s3.send(new GetObjectCommand({ Bucket: TEMPLATE_BUCKET, Key: `templates/${name}.html` }));
  const source = await obj.Body.transformToString();
  if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value);
  templates.set(name, source);
  return source;
}

export const handler = async (event) => {
  const page = event.pathParameters?.page ?? 'home';
  if (!/^[a-z-]{1,40}$/.test(page)) {
    return { statusCode: 404, body: 'Not found' };
  }
  const template = await loadTemplate(page);
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
    body: renderPage(template, { locale: event.headers?.['accept-language']?.slice(0, 2) ?? 'en' }),
  };
};
