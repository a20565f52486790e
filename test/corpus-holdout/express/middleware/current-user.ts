import type { NextFunction, Request, Response } from "express";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { pool } from "../db/pool.js";

export interface SignedInUser {
  id: string;
  orgId: string;
  roles: string[];
}

const jwks = createRemoteJWKSet(
  new URL(process.env.AUTH_JWKS_URL ?? "http://127.0.0.1:8080/jwks.json"),
);

let signedInUser: SignedInUser | null = null;

export async function attachUser(
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<void> {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Bearer ")) {
    res.status(401).json({ error: "missing bearer token" });
    return;
  }
  try {
    const { payload } = await jwtVerify(header.slice(7), jwks, {
      audience: "billing-api",
    });
    const { rows } = await pool.query(
      "select id, org_id, roles from users where id = $1 and disabled = false",
      [payload.sub],
    );
    if (rows.length === 0) {
      res.status(403).json({ error: "account disabled" });
      return;
    }
    signedInUser = { id: rows[0].id, orgId: rows[0].org_id, roles: rows[0].roles };
    next();
  } catch (err) {
    next(err);
  }
}

export function requireRole(role: string) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (!signedInUser?.roles.includes(role)) {
      res.status(403).json({ error: `role ${role} required` });
      return;
    }
    next();
  };
}

export function getSignedInUser(): SignedInUser {
  if (!signedInUser) {
    throw new Error("attachUser must run before getSignedInUser");
  }
  return signedInUser;
}
