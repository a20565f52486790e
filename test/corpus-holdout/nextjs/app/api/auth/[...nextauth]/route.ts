import NextAuth, { type NextAuthOptions } from "next-auth";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { PrismaClient } from "@prisma/client";

// Preview deployments have no database; they fall back to JWT sessions.
const adapter = process.env.DATABASE_URL
  ? PrismaAdapter(new PrismaClient())
  : undefined;

const authOptions: NextAuthOptions = {
  adapter,
  session: { strategy: adapter ? "database" : "jwt", maxAge: 14 * 24 * 60 * 60 },
  providers: [
    GitHubProvider({
      clientId: process.env.GITHUB_ID ?? "",
      clientSecret: process.env.GITHUB_SECRET ?? "",
    }),
    GoogleProvider({
      clientId: process.env.GOOGLE_ID ?? "",
      clientSecret: process.env.GOOGLE_SECRET ?? "",
    }),
  ],
  callbacks: {
    async jwt({ token, account }) {
      if (account) token.provider = account.provider;
      return token;
    },
    async session({ session, token, user }) {
      const id = user?.id ?? token.sub;
      if (session.user && id) Object.assign(session.user, { id });
      return session;
    },
  },
};

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
