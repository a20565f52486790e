import { beforeEach, describe, expect, it } from "vitest";
import express from "express";
import session from "express-session";
import request from "supertest";

// Test doubles for the token service: real code keeps tokens in Postgres.
const issuedTokens = new Map<string, string>();
let signedInAs: string | undefined;

function buildTestApp() {
  const app = express();
  app.use(express.json());
  app.use(
    session({
      secret: "test-secret",
      resave: false,
      saveUninitialized: false,
      store: new session.MemoryStore(),
    }),
  );

  app.post("/login", (req, res) => {
    signedInAs = String(req.body.userId);
    issuedTokens.set(signedInAs, `rt-${signedInAs}`);
    res.json({ refreshToken: issuedTokens.get(signedInAs) });
  });

  app.post("/refresh", (req, res) => {
    const owner = [...issuedTokens].find(([, t]) => t === req.body.token)?.[0];
    if (!owner) {
      res.status(401).json({ error: "unknown refresh token" });
      return;
    }
    res.json({ userId: owner });
  });
  return app;
}

describe("refresh token flow", () => {
  beforeEach(() => {
    issuedTokens.clear();
    signedInAs = undefined;
  });

  it("issues one token per user", async () => {
    const app = buildTestApp();
    const first = await request(app).post("/login").send({ userId: "u1" });
    expect(first.body.refreshToken).toBe("rt-u1");
    expect(signedInAs).toBe("u1");
  });

  it("rejects unknown tokens", async () => {
    const response = await request(buildTestApp())
      .post("/refresh")
      .send({ token: "rt-nobody" });
    expect(response.status).toBe(401);
  });
});
