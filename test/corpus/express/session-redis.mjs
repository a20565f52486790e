import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { ordersRouter } from './routes/orders.mjs';

const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.on('error', (err) => console.error('redis error', err));
await redisClient.connect();

const app = express();
app.set('trust proxy', 1);

app.use(
  session({
    store: new RedisStore({ client: redisClient, prefix: 'shop:sess:' }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, maxAge: 24 * 3600 * 1000 },
  })
);

app.get('/api/me', (req, res) => {
  if (!req.session.userId) {
    return res.status(401).json({ error: 'not signed in' });
  }
  res.json({ userId: req.session.userId, locale: req.session.locale ?? 'en' });
});

app.post('/api/locale', express.json(), (req, res) => {
  req.session.locale = String(req.body.locale || 'en').slice(0, 5);
  res.sendStatus(204);
});

app.use('/api/orders', ordersRouter);

app.listen(Number(process.env.PORT ?? 3000));
