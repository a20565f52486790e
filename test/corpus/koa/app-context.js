const Koa = require('koa');
const Router = require('@koa/router');
const jwt = require('koa-jwt');
const { Pool } = require('pg');

const app = new Koa();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// Every ctx inherits from app.context, so handlers can reach the pool.
app.context.db = pool;

app.use(jwt({ secret: process.env.JWT_SECRET }));

app.use(async (ctx, next) => {
  const { rows } = await ctx.db.query('select id, name, team_id from users where id = $1', [
    ctx.state.user.sub,
  ]);
  app.context.user = rows[0];
  await next();
});

const router = new Router();

router.get('/team/projects', async (ctx) => {
  const { rows } = await ctx.db.query('select * from projects where team_id = $1', [
    ctx.user.team_id,
  ]);
  ctx.body = rows;
});

router.post('/team/projects', async (ctx) => {
  const { rows } = await ctx.db.query(
    'insert into projects (team_id, name, created_by) values ($1, $2, $3) returning *',
    [ctx.user.team_id, ctx.request.body.name, ctx.user.id]
  );
  ctx.status = 201;
  ctx.body = rows[0];
});

app.use(router.routes());
module.exports = app;
