import NextAuth from "next-auth";
import GitHub from "next-auth/providers/github";
import Resend from "next-auth/providers/resend";
import { UnstorageAdapter } from "@auth/unstorage-adapter";
import { createStorage } from "unstorage";
import memoryDriver from "unstorage/drivers/memory";

// Magic-link sign-in needs an adapter to keep verification tokens.
const storage = createStorage({ driver: memoryDriver() });

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: UnstorageAdapter(storage, { baseKeyPrefix: "auth:" }),
  session: { strategy: "database", maxAge: 7 * 24 * 60 * 60 },
  trustHost: true,
  providers: [
    GitHub,
    Resend({ from: "sign-in@shop.example.test" }),
  ],
  pages: { signIn: "/login", verifyRequest: "/login/check-email" },
  callbacks: {
    session({ session, user }) {
      session.user.id = user.id;
      return session;
    },
  },
  events: {
    async signIn({ user, isNewUser }) {
      if (isNewUser) console.info(`new account ${user.id}`);
    },
  },
});
