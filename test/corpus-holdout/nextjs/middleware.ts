import { NextResponse, type NextRequest } from "next/server";
import { createRemoteJWKSet, jwtVerify } from "jose";

const PUBLIC_PATHS = new Set(["/", "/login", "/signup", "/pricing"]);

const issuer = process.env.AUTH_ISSUER ?? "http://127.0.0.1:4000";
const jwks = createRemoteJWKSet(new URL("/.well-known/jwks.json", issuer));

function redirectToLogin(request: NextRequest) {
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.searchParams.set("next", request.nextUrl.pathname);
  return NextResponse.redirect(url);
}

export async function middleware(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC_PATHS.has(pathname)) return NextResponse.next();

  const token = request.cookies.get("access_token")?.value;
  if (!token) return redirectToLogin(request);

  try {
    const { payload } = await jwtVerify(token, jwks, { issuer, audience: "web" });
    // Headers travel with this request only, so the user id stays per request.
    const headers = new Headers(request.headers);
    headers.set("x-user-id", String(payload.sub));
    headers.set("x-user-plan", String(payload.plan ?? "free"));
    return NextResponse.next({ request: { headers } });
  } catch {
    const response = redirectToLogin(request);
    response.cookies.delete("access_token");
    return response;
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/health).*)"],
};
