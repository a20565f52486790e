import NextAuth from 'next-auth';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { PrismaAdapter } from '@auth/prisma-adapter';
import { prisma } from '@/lib/prisma';

const adapter = process.env.DATABASE_URL ? PrismaAdapter(prisma) : undefined;

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter,
  providers: [GitHub, Google],
  session: { strategy: adapter ? 'database' : 'jwt' },
  callbacks: {
    authorized({ auth: session, request }) {
      const isDashboard = request.nextUrl.pathname.startsWith('/dashboard');
      return isDashboard ? Boolean(session?.user) : true;
    },
    session({ session, user, token }) {
      session.user.id = user?.id ?? token?.sub ?? session.user.id;
      return session;
    },
  },
});
