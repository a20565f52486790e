import express from 'express';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';
import { coursesRouter } from './routes/courses.js';

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/lms';

export async function createApp() {
  await mongoose.connect(mongoUrl);

  const app = express();
  app.use(express.json());
  app.use(
    session({
      secret: process.env.SESSION_SECRET!,
      resave: false,
      saveUninitialized: false,
      store: MongoStore.create({
        client: mongoose.connection.getClient(),
        collectionName: 'sessions',
        ttl: 14 * 24 * 60 * 60,
      }),
    })
  );

  app.post('/enrol/:courseId', (req, res) => {
    const enrolled = new Set<string>(req.session.enrolledCourses ?? []);
    enrolled.add(req.params.courseId);
    req.session.enrolledCourses = [...enrolled];
    res.status(201).json({ courses: req.session.enrolledCourses });
  });

  app.use('/courses', coursesRouter);
  return app;
}
