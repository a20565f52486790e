import Koa from 'koa';
import Router from '@koa/router';
import session from 'koa-session';
import bodyParser from 'koa-bodyparser';
import { findRecipe } from './recipes.js';

const app = new Koa();
app.keys = [process.env.SESSION_KEY ?? 'change-me'];

const CONFIG = {
  key: 'recipes:sess',
  maxAge: 7 * 24 * 60 * 60 * 1000,
  httpOnly: true,
  signed: true,
  rolling: false,
};

app.use(session(CONFIG, app));
app.use(bodyParser());

const router = new Router();

router.post('/recently-viewed/:id', async (ctx) => {
  const recipe = await findRecipe(ctx.params.id);
  ctx.assert(recipe, 404);
  const recent: string[] = ctx.session?.recent ?? [];
  const next = [recipe.id, ...recent.filter((id) => id !== recipe.id)].slice(0, 10);
  ctx.session!.recent = next;
  ctx.body = next;
});

router.get('/recently-viewed', (ctx) => {
  ctx.body = ctx.session?.recent ?? [];
});

app.use(router.routes());
export default app;
