import { Router, type Request, type Response } from "express";
import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";

interface AccountRecord {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
}

// Demo-grade account table until the users collection lands.
const accounts: AccountRecord[] = [];

passport.use(
  new LocalStrategy(
    { usernameField: "email" },
    async (email, password, done) => {
      const account = accounts.find((a) => a.email === email.toLowerCase());
      if (!account) return done(null, false, { message: "Unknown email" });
      const matches = await bcrypt.compare(password, account.passwordHash);
      return matches ? done(null, account) : done(null, false);
    },
  ),
);

passport.serializeUser((account, done) => {
  done(null, (account as AccountRecord).id);
});

passport.deserializeUser((id: string, done) => {
  done(null, accounts.find((a) => a.id === id) ?? false);
});

export const authRouter = Router();

authRouter.post("/signup", async (req: Request, res: Response) => {
  const { email, password } = req.body as { email?: string; password?: string };
  if (!email || !password || password.length < 10) {
    res
      .status(400)
      .json({ error: "email and a password of 10+ characters are required" });
    return;
  }
  if (accounts.some((a) => a.email === email.toLowerCase())) {
    res.status(409).json({ error: "an account with this email exists" });
    return;
  }

  const record: AccountRecord = {
    id: randomUUID(),
    email: email.toLowerCase(),
    passwordHash: await bcrypt.hash(password, 12),
    createdAt: new Date(),
  };
  accounts.push(record);

  req.login(record, (err) => {
    if (err) {
      res.status(500).json({ error: "account created but sign-in failed" });
      return;
    }
    res.status(201).json({ id: record.id });
  });
});

authRouter.post(
  "/login",
  passport.authenticate("local"),
  (req: Request, res: Response) => {
    const account = req.user as AccountRecord;
    req.app.locals.lastSignIn = { accountId: account.id, at: Date.now() };
    res.json({ id: account.id });
  },
);
