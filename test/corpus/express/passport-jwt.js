const express = require('express');
const passport = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');
const { User, Playlist } = require('./models');

passport.use(
  new JwtStrategy(
    {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: process.env.JWT_PUBLIC_KEY,
      algorithms: ['RS256'],
      issuer: 'https://auth.example.test/',
    },
    async (payload, done) => {
      try {
        const user = await User.findById(payload.sub).lean();
        return done(null, user || false);
      } catch (err) {
        return done(err, false);
      }
    }
  )
);

const app = express();
app.use(express.json());
app.use(passport.initialize());

const requireJwt = passport.authenticate('jwt', { session: false });

app.get('/playlists', requireJwt, async (req, res) => {
  const playlists = await Playlist.find({ owner: req.user._id }).sort({ updatedAt: -1 });
  res.json(playlists);
});

app.post('/playlists', requireJwt, async (req, res) => {
  const playlist = await Playlist.create({ owner: req.user._id, name: req.body.name, tracks: [] });
  res.status(201).json(playlist);
});

app.post('/playlists/:id/tracks', requireJwt, async (req, res) => {
  const playlist = await Playlist.findOne({ _id: req.params.id, owner: req.user._id });
  if (!playlist) return res.sendStatus(404);
  playlist.tracks.push(req.body.trackId);
  await playlist.save();
  res.json(playlist);
});

module.exports = app;
