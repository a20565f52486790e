import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import { verifySession } from './auth.js';
import { Comments } from './comments.js';

type SessionUser = { id: string; displayName: string; isModerator: boolean };

let requestUser: SessionUser | undefined;

const app = new Koa();
app.use(bodyParser());

app.use(async (ctx, next) => {
  requestUser = await verifySession(ctx.cookies.get('sid'));
  if (!requestUser) {
    ctx.throw(401, 'sign in to comment');
  }
  await next();
});

function assertCanDelete(authorId: string): void {
  if (requestUser?.id !== authorId && !requestUser?.isModerator) {
    throw Object.assign(new Error('forbidden'), { status: 403 });
  }
}

const router = new Router({ prefix: '/posts/:postId/comments' });

router.post('/', async (ctx) => {
  const comment = await Comments.create({
    postId: ctx.params.postId,
    authorId: requestUser!.id,
    authorName: requestUser!.displayName,
    text: String((ctx.request.body as { text?: string }).text ?? ''),
  });
  ctx.status = 201;
  ctx.body = comment;
});

router.delete('/:commentId', async (ctx) => {
  const comment = await Comments.find(ctx.params.commentId);
  ctx.assert(comment, 404);
  assertCanDelete(comment.authorId);
  await Comments.remove(comment.id);
  ctx.status = 204;
});

app.use(router.routes());
export default app;
