import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { jwtVerify } from 'jose';
import { prisma } from '@/lib/prisma';

type TokenUser = { id: string; orgId: string; role: 'admin' | 'member' };

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

let currentUser: TokenUser | null = null;

async function loadUser(): Promise<TokenUser | null> {
  const token = (await cookies()).get('token')?.value;
  if (!token) return null;
  const { payload } = await jwtVerify(token, secret);
  return { id: String(payload.sub), orgId: String(payload.org), role: payload.role as TokenUser['role'] };
}

async function visibleProjects() {
  return prisma.project.findMany({
    where: currentUser?.role === 'admin' ? { orgId: currentUser.orgId } : { members: { some: { userId: currentUser?.id } } },
    select: { id: true, name: true },
  });
}

export async function GET() {
  currentUser = await loadUser();
  if (!currentUser) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const projects = await visibleProjects();
  return NextResponse.json({ user: currentUser, projects });
}
