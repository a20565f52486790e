import { createVerify } from "node:crypto";

/**
 * Verifies a GitHub App's JSON Web Token as GitHub does: RS256 signed by
 * the app's private key, issued by the app id, not expired. Returns the
 * reason it is invalid, or undefined when it is valid.
 */
export function verifyAppJwt(
  token: string,
  publicKey: string,
  appId: number,
): string | undefined {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return "not a JSON Web Token";

  const verifier = createVerify("RSA-SHA256");
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, "base64url"))) {
    return "signature does not match the app's public key";
  }

  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as {
    iss?: unknown;
    exp?: unknown;
  };
  if (String(claims.iss) !== String(appId)) return "issuer is not the app id";
  if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now()) {
    return "token expired";
  }
  return undefined;
}
