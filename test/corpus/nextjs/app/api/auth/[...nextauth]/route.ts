import NextAuth, { type AuthOptions } from 'next-auth';
import EmailProvider from 'next-auth/providers/email';
import { UnstorageAdapter } from '@auth/unstorage-adapter';
import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';

// Email sign-in needs an adapter to store verification tokens.
const storage = createStorage({ driver: memoryDriver() });

const authOptions: AuthOptions = {
  adapter: UnstorageAdapter(storage) as AuthOptions['adapter'],
  providers: [
    EmailProvider({
      server: process.env.EMAIL_SERVER,
      from: 'Acme <no-reply@example.test>',
      maxAge: 10 * 60,
    }),
  ],
  session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/signin', verifyRequest: '/signin/check-email' },
  callbacks: {
    session({ session, user }) {
      if (session.user) {
        (session.user as { id?: string }).id = user.id;
      }
      return session;
    },
  },
};

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
