import NextAuth, { type NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { verifyLogin } from '@/lib/accounts';

// No adapter, so sessions are encrypted JWT cookies.
export const authOptions: NextAuthOptions = {
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const account = await verifyLogin(credentials.email, credentials.password);
        return account ? { id: account.id, email: account.email, name: account.name } : null;
      },
    }),
  ],
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.role = (user as { role?: string }).role ?? 'member';
      return token;
    },
    async session({ session, token }) {
      (session as { role?: unknown }).role = token.role;
      return session;
    },
  },
};

export default NextAuth(authOptions);
