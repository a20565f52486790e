import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { getIronSession, type SessionOptions } from "iron-session";
import { findMemberByEmail, verifyPassword } from "@/lib/members";

interface MemberSession {
  memberId?: string;
  email?: string;
  signedInAt?: number;
}

const sessionOptions: SessionOptions = {
  cookieName: "member_session",
  password: process.env.SESSION_PASSWORD ?? "",
  ttl: 60 * 60 * 24 * 7,
  cookieOptions: {
    secure: process.env.NODE_ENV === "production",
    sameSite: "lax",
  },
};

async function readSession() {
  return getIronSession<MemberSession>(await cookies(), sessionOptions);
}

export async function GET() {
  const session = await readSession();
  if (!session.memberId) {
    return NextResponse.json({ error: "not signed in" }, { status: 401 });
  }
  return NextResponse.json({ memberId: session.memberId, email: session.email });
}

export async function POST(request: Request) {
  const { email, password } = (await request.json()) as {
    email?: string;
    password?: string;
  };
  const member = email ? await findMemberByEmail(email) : null;
  if (!member || !(await verifyPassword(member, password ?? ""))) {
    return NextResponse.json({ error: "wrong email or password" }, { status: 401 });
  }
  const session = await readSession();
  session.memberId = member.id;
  session.email = member.email;
  session.signedInAt = Date.now();
  await session.save();
  return NextResponse.json({ memberId: member.id });
}

export async function DELETE() {
  const session = await readSession();
  session.destroy();
  return new NextResponse(null, { status: 204 });
}
